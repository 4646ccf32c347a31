"""The link checker's pure parts, on purpose-made inputs (no network)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from checker.refs.links.anchors import find_anchor
from checker.refs.links.answers import parse_retry_after
from checker.refs.links.history import History, advance, verdict
from checker.refs.links.net import AddressBook, PrivateAddressError, is_private
from checker.refs.links.policy import is_soft_404
from checker.refs.links.rules import RULES, summary_line
from checker.refs.links.scheduler import HostScheduler, host_of
from checker.refs.links.settings import DAY, LinkSettings
from checker.refs.links.status import LinkResult, Status

NOW = 1_767_225_600.0  # 2026-01-01T00:00:00Z


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("1", 1.0),
        (" 120 ", 120.0),
        ("Thu, 01 Jan 2026 00:00:30 GMT", 30.0),
        ("Wed, 31 Dec 2025 23:00:00 GMT", 0.0),  # in the past: go now
        ("soon", None),
        ("-5", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after(value: str | None, seconds: float | None) -> None:
    assert parse_retry_after(value, NOW) == seconds


@pytest.mark.parametrize(
    ("address", "private"),
    [
        ("127.0.0.2", True),
        ("10.1.2.3", True),
        ("192.168.0.1", True),
        ("169.254.169.254", True),  # cloud metadata: link-local
        ("::1", True),
        ("fe80::1%eth0", True),
        ("::ffff:10.0.0.1", True),
        ("100.64.0.1", True),  # carrier-grade NAT
        ("93.184.215.14", False),
        ("2606:4700::1111", False),
    ],
)
def test_private_ranges(address: str, private: bool) -> None:
    assert is_private(address) is private


def test_guard_refuses_loopback_names() -> None:
    with pytest.raises(PrivateAddressError, match="localhost"):
        AddressBook(allow_private=False).lookup("localhost", 9)
    assert AddressBook(allow_private=True).lookup("localhost", 9).private


@pytest.mark.parametrize(
    ("src", "dst", "soft"),
    [
        ("http://h/papers/1", "http://h/", True),
        ("http://h/papers/1", "http://h", True),
        ("http://h/papers/1", "http://h/404.html", True),
        ("http://h/papers/1", "http://h/errors/NotFound?from=x", True),
        ("http://h/papers/1", "https://h/papers/1/", False),
        ("http://h/", "https://h/", False),  # the front page moving to HTTPS
        ("http://h/404-club", "http://h/404-club/", False),
        ("http://h/old", "http://h/?lang=en", False),
        ("http://h/index.html", "https://h/", False),  # the front page by its file name
        ("http://h/Default.aspx", "https://h/", False),
        ("http://h/news/index.html", "https://h/", True),
    ],
)
def test_soft_404(src: str, dst: str, soft: bool) -> None:
    assert is_soft_404(src, dst) is soft


def test_dead_rule_counts_failures_days_apart() -> None:
    s = LinkSettings()
    h = History()
    for day, count in [(0, 1), (2.9, 1), (3, 2), (4, 2), (6, 3)]:
        h = advance(h, Status.BROKEN, NOW + day * DAY, s)
        assert h.failures == count
    assert verdict(Status.TIMEOUT, h, s) is Status.DEAD
    assert advance(h, Status.RATE_LIMITED, NOW, s) == h  # no evidence either way
    assert advance(h, Status.REDIRECTED, NOW, s) == History()


def test_scheduler_round_robin_and_limits() -> None:
    urls = [f"http://a.test/{i}" for i in range(3)] + ["http://B.test:8080/x"]
    sched = HostScheduler(urls, per_host=1)
    first, second = sched.take(), sched.take()
    assert first is not None and second is not None
    assert (first.url, second.url) == ("http://a.test/0", "http://B.test:8080/x")
    assert sched._pick(0.0) == (None, None)  # a.test is at its limit, b.test is empty
    sched.finish(first)
    third = sched.take()
    assert third is not None and third.url == "http://a.test/1"
    for job in (second, third):
        sched.finish(job)
    last = sched.take()
    assert last is not None
    sched.finish(last)
    assert sched.take() is None  # all done: workers stop


def test_scheduler_honours_host_wait() -> None:
    clock = [0.0]
    sched = HostScheduler(["http://a.test/1"], per_host=2, clock=lambda: clock[0])
    job = sched.take()
    assert job is not None
    sched.retry(job, 5.0, wait_host=job.host)
    assert sched._pick(4.9)[0] is None and sched._pick(4.9)[1] == pytest.approx(0.1)
    assert sched._pick(5.0)[0] is job


def test_scheduler_spaces_requests_at_the_per_host_rate() -> None:
    clock = [0.0]
    urls = ["http://a.test/1", "http://a.test/2", "http://b.test/1"]
    sched = HostScheduler(urls, per_host=5, rate=4.0, clock=lambda: clock[0])
    first, other = sched._pick(0.0)[0], sched._pick(0.0)[0]
    assert first is not None and other is not None and other.host == "b.test"
    assert sched._pick(0.1) == (None, pytest.approx(0.15))  # a.test: 4 per second
    second = sched._pick(0.25)[0]
    assert second is not None and second.url == "http://a.test/2"


def test_host_of() -> None:
    assert host_of("https://user:pw@Example.ORG:443/a") == "example.org:443"


def test_find_anchor_across_chunks_and_charsets() -> None:
    page = '<p>ά</p><h2 id="κεφάλαιο">x</h2>'.encode("iso-8859-7")
    chunks = [page[i : i + 3] for i in range(0, len(page), 3)]
    assert find_anchor(chunks, "%CE%BA%CE%B5%CF%86%CE%AC%CE%BB%CE%B1%CE%B9%CE%BF", "iso-8859-7")
    assert not find_anchor([b"<p id='a'>"], "b", "no-such-codec")


def test_rule_table_is_complete_and_summary() -> None:
    assert all(rule.startswith("link-") for rule in RULES)
    results = [
        LinkResult("http://a/", Status.WORKING, ()),
        LinkResult("http://b/", Status.BROKEN, ()),
        LinkResult("http://c/", Status.WORKING, ()),
    ]
    assert summary_line(results) == "3 links: 2 working, 1 broken"
    assert summary_line([]) == "0 links"


def test_linkcheck_style_outputs(tmp_path: Path) -> None:
    from checker.refs.links.output import write_linkcheck_outputs
    from checker.refs.model import Location

    results = [
        LinkResult(
            "http://b/", Status.BROKEN, (Location("docs/z.rst", 4), Location("docs/a.rst", 9)),
            code=404, info="HTTP 404 Not Found",
        ),
        LinkResult("http://a/", Status.WORKING, (Location("docs/a.rst", 2),), code=200),
        LinkResult(
            "http://c/", Status.REDIRECTED, (Location("docs/a.rst", 9),), code=301,
            new_url="http://c/new",
        ),
    ]  # fmt: skip
    write_linkcheck_outputs(results, tmp_path)
    lines = (tmp_path / "output.json").read_text().splitlines()
    assert [json.loads(line)["uri"] for line in lines] == [
        "http://a/", "http://b/", "http://c/", "http://b/",
    ]  # fmt: skip
    assert json.loads(lines[0]) == {
        "filename": "docs/a.rst", "lineno": 2, "status": "working", "code": 200,
        "uri": "http://a/", "info": "",
    }  # fmt: skip
    assert (tmp_path / "output.txt").read_text() == (
        "docs/a.rst:9: [broken] http://b/: HTTP 404 Not Found\n"
        "docs/a.rst:9: [redirected] http://c/: http://c/new\n"
        "docs/z.rst:4: [broken] http://b/: HTTP 404 Not Found\n"
    )


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("tty", "progress", "shown"), [(True, True, True), (False, True, False), (True, False, False)]
)
def test_progress_bar_only_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, tty: bool, progress: bool, shown: bool
) -> None:
    from checker.refs.links.check import check_links
    from checker.refs.model import LinkUse, Location

    stream = _Terminal() if tty else io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)
    # Two URLs that need no server: refused as private, so no request is made.
    uses = [LinkUse(f"http://127.0.0.1:9/{i}", Location("a.rst")) for i in range(2)]
    results = check_links(uses, LinkSettings(progress=progress))
    assert {r.status for r in results} == {Status.UNCHECKED}
    assert ("checking links" in stream.getvalue()) is shown


def test_default_host_tables() -> None:
    from checker.refs.links.policy import is_paywalled, is_resolver

    settings = LinkSettings()
    assert is_paywalled("https://www.jstor.org/stable/123", settings)
    assert not is_paywalled("https://notjstor.org/x", settings)
    assert is_resolver("https://doi.org/10.1000/182", settings)
    assert not is_resolver("https://example.org/", LinkSettings(resolver_hosts=()))
