"""The rule registry is well-formed data: ids, categories, messages, CS1 conditions."""

from __future__ import annotations

import re

from checker.findings import Category
from checker.refs.identifiers import SCHEMES
from checker.refs.rules import RULES, make_finding


def test_rule_ids_are_kebab_case_and_keyed_by_themselves():
    for rule_id, rule in RULES.items():
        assert rule.id == rule_id
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", rule_id), rule_id


def test_every_rule_says_what_and_how_to_fix_in_one_line():
    for rule in RULES.values():
        problem, _, fix = rule.message.partition(": ")
        assert problem and fix, rule.id
        assert "\n" not in rule.message and len(rule.message) <= 120, rule.id
        assert rule.cs1, rule.id


def test_categories_are_reference_or_identifier():
    categories = {rule.category for rule in RULES.values()}
    assert categories == {Category.REFERENCE, Category.IDENTIFIER}
    assert all(RULES[f"bad-{name}"].category is Category.IDENTIFIER for name in SCHEMES)


def test_make_finding_puts_the_detail_first():
    finding = make_finding("missing-title", path="a.bib", line=3, text="x", detail="@book")
    assert finding.message == "@book -- " + RULES["missing-title"].message
    assert (finding.category, finding.severity) == (
        RULES["missing-title"].category,
        RULES["missing-title"].severity,
    )
