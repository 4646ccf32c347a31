project = "citecheck need"
extensions = ["checker", "sphinxcontrib.bibtex"]
bibtex_bibfiles = ["refs.bib"]
citecheck_today = "2026-01-15"
exclude_patterns = ["_build"]
# likely-needs-citation stays off here: tests turn it on (confoverrides, report --need)
