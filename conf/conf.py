"""Sphinx configuration for the converted article in docs/.

Build with ``sphinx-build -c conf docs build/html`` (``make docs`` does it).
"""

project = "Leon Trotsky"
author = "Wikipedia contributors"
copyright = "Wikipedia contributors, CC BY-SA 4.0"

extensions = ["checker", "sphinxcontrib.bibtex"]

exclude_patterns = ["_article", "_build", ".citecheck*"]
# sphinxcontrib-bibtex resolves bib files against this folder (-c conf), not docs/.
bibtex_bibfiles = ["../docs/references.bib"]
# The References page lists each citation instance as a footnote; the flattened
# article lost the markers that pointed at them, so they are not referenced.
# Missing fields are citecheck's own findings (with how to fix them), so
# pybtex's generic "missing editor" warnings would only repeat them.
suppress_warnings = ["ref.footnote", "bibtex.missing_field"]
bibtex_default_style = "plain"
bibtex_reference_style = "author_year"

html_theme = "furo"
html_title = project

latex_engine = "xelatex"
latex_documents = [("index", "leon-trotsky.tex", project, author, "manual")]
