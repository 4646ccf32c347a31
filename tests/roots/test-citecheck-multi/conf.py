project = "citecheck multi"
extensions = ["checker"]
citecheck_today = "2026-01-15"
