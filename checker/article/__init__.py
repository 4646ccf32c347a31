"""Flattened article text -> an analysis (tokens, headings, markers) -> reST (no Sphinx)."""
