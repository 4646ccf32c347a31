project = "citecheck hostile"
extensions = ["checker"]
citecheck_today = "2026-01-15"
