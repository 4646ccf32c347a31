"""Sphinx's ``linkcheck_*`` values drive citecheck's link checker: one test per value.

Each test writes the value into a real project's ``conf.py`` (or passes it
with ``-D``), reads the settings the extension derives from Sphinx's config,
and checks links on real servers with them.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sphinx.application import Sphinx
from sphinx.errors import ConfigError
from sphinx.util.docutils import docutils_namespace
from test_links_support import (
    Servers,
    by_url,
    ok,
    redirect,
    serving,
    slow,
    status,
    uses,
)

from checker.refs.links.check import check_links
from checker.refs.links.linkcheck import LINKCHECK_VALUES
from checker.refs.links.settings import LinkSettings
from checker.refs.links.status import Detail, Status
from checker.refs.model import LinkUse, Location
from checker.sphinxext.check.online import settings_of

PAGE = b'<html><body><h2 id="sec-1">One</h2><h2 id="!app">App</h2></body></html>'


@pytest.fixture
def servers() -> Iterator[Servers]:
    yield from serving()


def settings_from(tmp_path: Path, conf: str = "", **overrides: Any) -> LinkSettings:
    """The link settings of a project whose conf.py holds ``conf`` (``-D`` for ``overrides``)."""
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    (src / "conf.py").write_text(
        f'extensions = ["checker"]\ncitecheck_allow_private = True\n{conf}'
    )
    (src / "index.rst").write_text("Index\n=====\n")
    out = tmp_path / "out"
    with docutils_namespace():
        app = Sphinx(
            str(src),
            str(src),
            str(out),
            str(out / ".doctrees"),
            "dummy",
            confoverrides=overrides,
            status=None,
            warning=io.StringIO(),
            freshenv=True,
        )
        settings = settings_of(app.config)
    return replace(settings, cache_path=None, progress=False, backoff=0.0)


def test_values_the_project_did_not_set_leave_citecheck_defaults(tmp_path: Path) -> None:
    settings = settings_from(tmp_path)
    defaults = LinkSettings()
    assert (settings.workers, settings.read_timeout, settings.retries) == (
        defaults.workers,
        defaults.read_timeout,
        defaults.retries,
    )
    # set explicitly, even to Sphinx's own default, a value counts
    assert settings_from(tmp_path, "linkcheck_workers = 5\n").workers == 5
    assert settings_from(tmp_path, linkcheck_workers="3").workers == 3  # -D


def test_citecheck_links_overrides_linkcheck(tmp_path: Path) -> None:
    conf = "linkcheck_workers = 3\nlinkcheck_timeout = 4\ncitecheck_links = {'workers': 7}\n"
    settings = settings_from(tmp_path, conf)
    assert settings.workers == 7
    assert settings.read_timeout == settings.connect_timeout == 4.0


def test_linkcheck_timeout(tmp_path: Path, servers: Servers) -> None:
    s = servers()
    s.routes["/slow"] = slow(1.5)
    settings = settings_from(tmp_path, "linkcheck_timeout = 0.3\n")
    (result,) = check_links(uses(s.url("/slow")), settings)
    assert result.status is Status.TIMEOUT
    assert s.count("/slow") == 1  # one failure recorded; no waiting it out again


def test_linkcheck_report_timeouts_as_broken(tmp_path: Path, servers: Servers) -> None:
    s = servers()
    s.routes["/slow"] = slow(1.5)
    conf = "linkcheck_timeout = 0.3\nlinkcheck_report_timeouts_as_broken = True\n"
    (result,) = check_links(uses(s.url("/slow")), settings_from(tmp_path, conf))
    assert result.status is Status.BROKEN and result.info.startswith("timed out")


def test_linkcheck_ignore_covers_links_and_redirect_targets(
    tmp_path: Path, servers: Servers
) -> None:
    s = servers()
    s.routes.update({"/login-wall": redirect(302, "/login?next=x"), "/page": ok()})
    settings = settings_from(tmp_path, f"linkcheck_ignore = [{s.url('/page')!r}, r'.*/login\\?']\n")
    got = by_url(check_links(uses(s.url("/page"), s.url("/login-wall")), settings))
    assert got[s.url("/page")].status is Status.IGNORED
    wall = got[s.url("/login-wall")]
    assert wall.status is Status.IGNORED and wall.detail is Detail.IGNORED_REDIRECT
    assert s.count("/page") == 0 and s.count("/login") == 0


def test_linkcheck_anchors(tmp_path: Path, servers: Servers) -> None:
    s = servers()
    s.routes["/doc"] = ok(PAGE)
    settings = settings_from(tmp_path, "linkcheck_anchors = False\n")
    (result,) = check_links(uses(s.url("/doc#missing")), settings)
    assert result.status is Status.WORKING
    assert s.hits[("GET", "/doc")] == 0  # no page read: HEAD was enough


def test_linkcheck_anchors_ignore(tmp_path: Path, servers: Servers) -> None:
    s = servers()
    s.routes["/doc"] = ok(PAGE)
    settings = settings_from(tmp_path, "linkcheck_anchors_ignore = ['^sec-']\n")
    urls = [s.url("/doc#sec-9"), s.url("/doc#!route"), s.url("/doc#!app")]
    got = by_url(check_links(uses(*urls), settings))
    assert got[urls[0]].status is Status.WORKING  # ignored pattern: not looked for
    # the list replaces Sphinx's default ['^!'], so "#!..." anchors are looked for now
    assert got[urls[1]].status is Status.BROKEN and got[urls[1]].detail is Detail.ANCHOR_MISSING
    assert got[urls[2]].status is Status.WORKING


def test_linkcheck_anchors_ignore_for_url(tmp_path: Path, servers: Servers) -> None:
    s = servers()
    s.routes.update({"/app": ok(PAGE), "/doc": ok(PAGE)})
    settings = settings_from(tmp_path, f"linkcheck_anchors_ignore_for_url = [{s.url('/app')!r}]\n")
    got = by_url(check_links(uses(s.url("/app#route"), s.url("/doc#route")), settings))
    assert got[s.url("/app#route")].status is Status.WORKING
    assert got[s.url("/doc#route")].detail is Detail.ANCHOR_MISSING


def test_linkcheck_allowed_redirects(tmp_path: Path, servers: Servers) -> None:
    s = servers()
    s.routes.update(
        {"/latest": redirect(302, "/v2.1/"), "/v2.1/": ok(), "/old": redirect(302, "/v2.1/")}
    )
    conf = f"linkcheck_allowed_redirects = {{{s.url('/latest')!r}: r'.*/v[0-9.]+/$'}}\n"
    got = by_url(check_links(uses(s.url("/latest"), s.url("/old")), settings_from(tmp_path, conf)))
    assert got[s.url("/latest")].status is Status.WORKING
    assert got[s.url("/old")].status is Status.REDIRECTED  # not from an allowed source


def test_linkcheck_case_insensitive_urls(tmp_path: Path, servers: Servers) -> None:
    s = servers()
    s.routes.update({"/Guide/Intro": redirect(301, "/guide/intro"), "/guide/intro": ok()})
    s.routes.update({"/Other/Page": redirect(301, "/other/page"), "/other/page": ok()})
    conf = f"linkcheck_case_insensitive_urls = [{s.url('/Guide')!r}]\n"
    got = by_url(
        check_links(
            uses(s.url("/Guide/Intro"), s.url("/Other/Page")), settings_from(tmp_path, conf)
        )
    )
    # Only a change of case under the declared prefix is "the same URL".
    assert got[s.url("/Guide/Intro")].status is Status.WORKING
    assert got[s.url("/Other/Page")].status is Status.REDIRECTED


def test_linkcheck_allow_unauthorized(tmp_path: Path, servers: Servers) -> None:
    s = servers()
    s.routes["/members"] = status(401)
    link = uses(s.url("/members"))
    (unset,) = check_links(link, settings_from(tmp_path))
    assert unset.status is Status.BROKEN
    (allowed,) = check_links(link, settings_from(tmp_path, "linkcheck_allow_unauthorized = True\n"))
    assert allowed.status is Status.WORKING


def test_linkcheck_request_headers(tmp_path: Path, servers: Servers) -> None:
    a, b = servers("127.0.0.1"), servers("127.0.0.2")
    a.routes["/api"] = ok()
    b.routes["/page"] = ok()
    site = f"http://127.0.0.1:{a.port}"
    conf = f"linkcheck_request_headers = {{{site!r}: {{'X-Token': 't1'}}, '*': {{'X-All': 'y'}}}}\n"
    check_links(uses(a.url("/api"), b.url("/page")), settings_from(tmp_path, conf))
    sent_a, sent_b = a.seen[0][2], b.seen[0][2]
    assert sent_a["X-Token"] == "t1" and "X-All" not in sent_a
    assert sent_b["X-All"] == "y" and "X-Token" not in sent_b


def test_linkcheck_auth(tmp_path: Path, servers: Servers) -> None:
    a, b = servers("127.0.0.1"), servers("127.0.0.2")
    a.routes["/members"] = redirect(302, b.url("/public"))
    b.routes["/public"] = ok()
    conf = f"linkcheck_auth = [(r'http://127\\.0\\.0\\.1:{a.port}/', ('editor', 'pw'))]\n"
    check_links(uses(a.url("/members")), settings_from(tmp_path, conf))
    assert a.seen[0][2]["Authorization"] == "Basic ZWRpdG9yOnB3"  # editor:pw
    assert "Authorization" not in b.seen[0][2]  # never to the redirect's other host


def test_linkcheck_retries(tmp_path: Path, servers: Servers) -> None:
    s = servers()
    s.routes["/error"] = status(500)
    (result,) = check_links(
        uses(s.url("/error")), settings_from(tmp_path, "linkcheck_retries = 3\n")
    )
    assert result.status is Status.FAILING
    assert s.count("/error") == 6  # three attempts, HEAD and GET each
    s.hits.clear()
    check_links(uses(s.url("/error")), settings_from(tmp_path))  # unset: one attempt
    assert s.count("/error") == 2


def test_linkcheck_workers(tmp_path: Path, servers: Servers) -> None:
    a, b = servers("127.0.0.1"), servers("127.0.0.2")
    for server in (a, b):
        for i in range(4):
            server.routes[f"/p{i}"] = slow(0.05)
    urls = [server.url(f"/p{i}") for server in (a, b) for i in range(4)]
    results = check_links(uses(*urls), settings_from(tmp_path, "linkcheck_workers = 1\n"))
    assert {r.status for r in results} == {Status.WORKING}
    assert a.max_in_flight == b.max_in_flight == 1  # one request at a time over all hosts


def test_linkcheck_rate_limit_timeout(tmp_path: Path, servers: Servers) -> None:
    s = servers()
    asked: dict[str, int] = {}

    def limited(wait: str) -> Any:
        def route(h: Any) -> None:
            asked[wait] = asked.get(wait, 0) + 1
            h.reply(429 if asked[wait] == 1 else 200, b"", {"Retry-After": wait})

        return route

    s.routes.update({"/short": limited("0"), "/long": limited("5")})
    settings = settings_from(tmp_path, "linkcheck_rate_limit_timeout = 2\n")
    got = by_url(check_links(uses(s.url("/short"), s.url("/long")), settings))
    assert got[s.url("/short")].status is Status.WORKING and s.count("/short") == 2
    assert got[s.url("/long")].status is Status.RATE_LIMITED and s.count("/long") == 1


def test_linkcheck_exclude_documents(tmp_path: Path, servers: Servers) -> None:
    s = servers()
    s.routes.update({"/shared": ok(), "/draft-only": ok()})
    settings = settings_from(tmp_path, "linkcheck_exclude_documents = [r'drafts/.*']\n")
    places = [
        LinkUse(s.url("/draft-only"), Location("docs/drafts/a.rst", 3, "drafts/a")),
        LinkUse(s.url("/shared"), Location("docs/drafts/a.rst", 4, "drafts/a")),
        LinkUse(s.url("/shared"), Location("docs/index.rst", 9, "index")),
    ]
    got = by_url(check_links(places, settings))
    assert got[s.url("/draft-only")].status is Status.IGNORED
    assert s.count("/draft-only") == 0
    shared = got[s.url("/shared")]
    assert shared.status is Status.WORKING
    assert [p.doc for p in shared.places] == ["index"]  # the excluded place is dropped


def test_every_mapped_name_is_a_value_sphinx_knows(tmp_path: Path) -> None:
    (tmp_path / "conf.py").write_text("")
    with docutils_namespace():
        app = Sphinx(
            str(tmp_path), str(tmp_path), str(tmp_path / "out"), str(tmp_path / "dt"), "dummy",
            status=None, warning=io.StringIO(),
        )  # fmt: skip
        unknown = [name for name in LINKCHECK_VALUES if name not in app.config]
    # a typo here would silently ignore a project's setting
    assert unknown == []


def test_a_bad_linkcheck_value_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"bad regex '\(unclosed'"):
        settings_from(tmp_path, "linkcheck_ignore = ['(unclosed']\n")
