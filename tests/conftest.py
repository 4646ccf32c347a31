"""Shared fixtures: Sphinx's own testing fixtures and paths to the test roots."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

TESTS = Path(__file__).resolve().parent
PROJECT = TESTS.parent
SEED = PROJECT / "docs" / "_article" / "leon-trotsky.txt"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``test-*`` folders."""
    return TESTS / "roots"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
