"""The editors' worklist: flagged claims in priority order, with candidate sources."""
