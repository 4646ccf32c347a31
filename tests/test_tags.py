"""The tag registry: every contract role exists, names are unique."""

from __future__ import annotations

from checker import tags

CONTRACT_ROLES = {
    "citation-needed": "cn",
    "clarification-needed": "clarify",
    "by-whom": None,
    "who": None,
    "when": None,
    "which": None,
    "according-to-whom": None,
    "dubious": None,
    "page-needed": None,
    "better-source-needed": None,
    "verification-needed": None,
    "failed-verification": None,
}


def test_contract_roles_and_aliases_present() -> None:
    for name, alias in CONTRACT_ROLES.items():
        tag = tags.tag_for_role(name)
        assert tag is not None and tag.name == name
        if alias:
            assert tags.tag_for_role(alias) is tag


def test_role_names_are_unique() -> None:
    names = [name for name, _ in tags.all_role_names()]
    assert len(names) == len(set(names))
    assert len(set(tags.rule_ids())) == len(tags.rule_ids())


def test_more_citations_needed_banner() -> None:
    banner = tags.banner("more-citations-needed")
    assert banner is not None and "{scope}" in banner.text


def test_dates() -> None:
    assert tags.is_valid_date("2010-07") and tags.is_valid_date("2010-07-31")
    assert tags.is_valid_date("2010")
    assert not tags.is_valid_date("2010-13") and not tags.is_valid_date("July 2010")
