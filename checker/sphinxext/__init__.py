"""Sphinx glue: roles, directives, nodes, the domain, the builder and the report page."""
