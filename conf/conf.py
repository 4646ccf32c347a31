"""Sphinx configuration for the converted article in docs/.

Build with ``sphinx-build -c conf docs build/html`` (``make docs`` does it).
"""

project = "Leon Trotsky"
author = "Wikipedia contributors"
copyright = "Wikipedia contributors, CC BY-SA 4.0"

extensions = ["checker", "sphinxcontrib.bibtex"]

exclude_patterns = ["_article", "_build", ".citecheck*"]
bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "plain"
bibtex_reference_style = "author_year"

html_theme = "furo"
html_title = project

latex_engine = "xelatex"
latex_documents = [("index", "leon-trotsky.tex", project, author, "manual")]
