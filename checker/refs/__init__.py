"""Reference parsing, identifier checks, the rule set and link checking (no Sphinx)."""
