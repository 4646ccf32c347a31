"""Findings -> text, JSON, JUnit, SARIF, GitHub, Markdown; baseline and policy (no Sphinx)."""
