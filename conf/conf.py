"""Sphinx configuration for the converted article in docs/.

Build with ``sphinx-build -c conf docs build/html`` (``make html``) and
``sphinx-build -M latexpdf docs build/latex -c conf`` (``make pdf``);
``make docs`` does both and the citation report.
"""

import sys
from pathlib import Path

# conf/ holds this project's own small extension for the PDF's layout
sys.path.insert(0, str(Path(__file__).resolve().parent))

project = "Leon Trotsky"
author = "Wikipedia contributors"
copyright = "Wikipedia contributors, CC BY-SA 4.0"
language = "en"

extensions = ["checker", "sphinxcontrib.bibtex", "pdf_layout"]

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

# -- HTML: furo (see README "Outputs" for why)

html_theme = "furo"
html_title = project
html_static_path = ["_static"]
html_css_files = ["article.css"]
html_theme_options = {
    "navigation_with_keys": True,
    # the article's own notes and report are the point; no "edit this page" clutter
    "top_of_page_buttons": [],
}
html_show_sourcelink = False
html_copy_source = False

# -- PDF: the LaTeX builder with xelatex and its default Free fonts (FreeSerif,
# FreeSans, FreeMono), which cover Cyrillic with combining accents and IPA.

latex_engine = "xelatex"
latex_documents = [("index", "leon-trotsky.tex", project, author, "manual")]
# the citation report closes the book as an appendix (pdf_layout keeps it out
# of the main toctree there), before the bibliography sphinx gathers at the end
latex_appendices = ["citation-report"]
latex_show_urls = "no"
#: characters citecheck's marks use that the Free fonts lack (xelatex would drop
#: them with only a "Missing character" line in its log): set in DejaVu Sans
#: (Debian's fonts-dejavu-core, which `make sysdeps` installs)
SYMBOL_FALLBACK = "\u2691"  # ⚑ on bibliography entries with problems
_SYMBOLS = "".join(
    rf"\global\catcode{ord(c)}=\active"
    rf"\begingroup\lccode`\~={ord(c)}\relax"
    rf"\lowercase{{\endgroup\gdef~}}{{{{\citechecksymbols\char{ord(c)}\relax}}}}%"
    "\n"
    for c in SYMBOL_FALLBACK
)
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    # one-sided, chapters start on the next page: no blank pages between short chapters
    "extraclassoptions": "openany,oneside",
    # banners are sphinxadmonition{warning}: a light frame, not a heavy box
    "sphinxsetup": "warningBorderColor={rgb}{0.78,0.49,0}, warningborder=1pt",
    "printindex": "",
    # the lead (the root page's own text) follows the contents: head its pages with the title
    "tableofcontents": f"\\sphinxtableofcontents\n\\markboth{{{project}}}{{{project}}}\n",
    "preamble": (
        "\\IfFontExistsTF{DejaVu Sans}{\\newfontfamily\\citechecksymbols{DejaVu Sans}%\n"
        + _SYMBOLS
        + "}{}\n"
    ),
}
latex_domain_indices = False
