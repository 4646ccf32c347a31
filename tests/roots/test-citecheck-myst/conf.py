# A MyST project as attrs' documentation is set up: Markdown pages, autodoc-style
# cross-references through the default role "any", and the checker added.
project = "citecheck myst"
extensions = ["myst_parser", "sphinx.ext.intersphinx", "checker"]
default_role = "any"
myst_enable_extensions = ["colon_fence", "deflist"]
intersphinx_mapping = {}
citecheck_today = "2026-01-15"
exclude_patterns = ["_build"]
