"""Flattened article text -> ``Article`` model -> reStructuredText files (no Sphinx)."""
