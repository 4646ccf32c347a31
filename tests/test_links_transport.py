"""Where the link checker's requests go, and how many: real servers on loopback.

DNS rebinding (a resolver whose answer changes), TLS name checks against a
pinned address, keep-alive reuse, the per-host limit on redirect targets,
host interleaving, and the retry budget (no same-run retry that cannot
change the verdict).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from test_links_support import (
    CERT,
    Servers,
    by_url,
    fast,
    ok,
    redirect,
    reset,
    serving,
    slow,
    status,
    uses,
)
from urllib3.exceptions import InsecureRequestWarning

from checker.refs.links.check import LinkCheck, check_links
from checker.refs.links.settings import LinkSettings
from checker.refs.links.status import Detail, Status


@pytest.fixture
def servers() -> Iterator[Servers]:
    yield from serving()


class Rebinding:
    """A resolver whose first answer for a name differs from every later one (DNS rebinding)."""

    def __init__(self, first: str, later: str) -> None:
        self.first, self.later = first, later
        self.calls: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        again = host in self.calls
        self.calls.append(host)
        return [self.later if again else self.first]


def test_every_hop_goes_to_the_address_that_was_checked(servers: Servers) -> None:
    checked = servers("127.0.0.1")
    elsewhere = servers("127.0.0.2", port=checked.port)  # where a second lookup would lead
    for server in (checked, elsewhere):
        server.routes.update({"/start": redirect(302, "/next"), "/next": ok(), "/other": ok()})
    resolver = Rebinding("127.0.0.1", "127.0.0.2")
    names = [checked.url(p, host="rebind.test") for p in ("/start", "/other")]
    got = by_url(check_links(uses(*names), fast(resolve=resolver)))
    assert got[names[0]].status is Status.REDIRECTED  # /start -> /next, both answered
    assert got[names[1]].status is Status.WORKING
    assert resolver.calls == ["rebind.test"]  # resolved once for the whole run
    assert checked.requests_total() == 3 and elsewhere.requests_total() == 0
    assert {headers["Host"] for _, _, headers in checked.seen} == {f"rebind.test:{checked.port}"}


def test_a_private_answer_is_refused_before_any_request(servers: Servers) -> None:
    s = servers("127.0.0.1")
    s.routes["/page"] = ok()
    resolver = Rebinding("127.0.0.1", "127.0.0.1")
    settings = fast(allow_private=False, resolve=resolver)
    (result,) = check_links(uses(s.url("/page", host="inside.test")), settings)
    assert result.status is Status.UNCHECKED and result.detail is Detail.PRIVATE_ADDRESS
    assert "inside.test resolves to the private address 127.0.0.1" in result.info
    assert s.requests_total() == 0


def test_tls_keeps_the_name_while_connecting_to_the_pinned_address(servers: Servers) -> None:
    s = servers("127.0.0.1", tls=True)
    decoy = servers("127.0.0.2", port=s.port, tls=True)  # where a second lookup would lead
    for server in (s, decoy):
        server.routes.update({"/secure": ok(), "/moved": redirect(301, "/secure")})
    resolver = Rebinding("127.0.0.1", "127.0.0.2")
    settings = fast(resolve=resolver, ca_certs=str(CERT))
    named, other = s.url("/moved", host="rebind.test"), s.url("/secure", host="other.test")
    got = by_url(check_links(uses(named, other), settings))
    assert got[named].status is Status.REDIRECTED  # /moved -> /secure, both over TLS
    assert sorted(resolver.calls) == ["other.test", "rebind.test"]  # once per name
    assert decoy.requests_total() == 0 and decoy.server_names == []
    assert "rebind.test" in s.server_names  # SNI: the URL's name, not the address
    assert {headers["Host"] for _, _, headers in s.seen} == {f"rebind.test:{s.port}"}
    # the certificate is checked against the URL's name: other.test is not in it
    assert got[other].status is Status.BROKEN and got[other].info.startswith("TLS error")
    assert s.count("/secure") == 1  # the redirect's hop; other.test never got an answer
    with pytest.warns(InsecureRequestWarning):  # tls_verify = False: said, then done
        here = replace(settings, verify=False, resolve=lambda host, port: ["127.0.0.1"])
        unverified = check_links(uses(other), here)
    assert unverified[0].status is Status.WORKING


def test_connections_are_reused_per_host(servers: Servers) -> None:
    s = servers("127.0.0.1")
    for i in range(12):
        s.routes[f"/p{i}"] = ok()
    results = check_links(uses(*(s.url(f"/p{i}") for i in range(12))), fast(workers=8))
    assert {r.status for r in results} == {Status.WORKING}
    assert s.requests_total() == 12
    assert s.connections <= 2  # the per-host limit, kept alive between requests


def test_redirect_targets_count_against_their_own_host(servers: Servers) -> None:
    a, b = servers("127.0.0.1"), servers("127.0.0.2")
    for i in range(6):
        a.routes[f"/to-b{i}"] = redirect(302, b.url(f"/landing{i}"))
        b.routes[f"/landing{i}"] = slow(0.1)
        b.routes[f"/own{i}"] = slow(0.1)
    urls = [a.url(f"/to-b{i}") for i in range(6)] + [b.url(f"/own{i}") for i in range(6)]
    results = check_links(uses(*urls), fast(workers=12))
    assert len(results) == 12 and Status.FAILING not in {r.status for r in results}
    assert a.max_in_flight <= 2
    assert b.max_in_flight == 2  # its own links and a's redirects share its two slots


def test_a_host_with_one_link_does_not_wait_behind_a_long_queue(servers: Servers) -> None:
    busy, lone = servers("127.0.0.1"), servers("127.0.0.2")
    for i in range(10):
        busy.routes[f"/p{i}"] = slow(0.2)
    lone.routes["/only"] = ok()
    urls = [busy.url(f"/p{i}") for i in range(10)] + [lone.url("/only")]
    check_links(uses(*urls), fast(workers=4))
    # the busy host has two slots, so the lone host's link is among the first three requests
    assert lone.arrivals[0] < 3


def test_same_run_retries_only_where_they_can_change_the_verdict(servers: Servers) -> None:
    s = servers("127.0.0.1")
    s.routes.update(
        {
            "/error": status(500),
            "/slow": slow(1.0),
            "/limited": status(429),  # no Retry-After: nothing to wait for
            "/reset": reset,
        }
    )
    settings = replace(fast(), retries=0, read_timeout=0.3)
    got = by_url(check_links(uses(*(s.url(p) for p in s.routes)), settings))
    assert got[s.url("/error")].status is Status.FAILING
    assert s.count("/error") == 2  # HEAD, then GET in case HEAD lied; no retry
    assert got[s.url("/slow")].status is Status.TIMEOUT and s.count("/slow") == 1
    assert got[s.url("/limited")].status is Status.RATE_LIMITED and s.count("/limited") == 1
    assert got[s.url("/reset")].status is Status.FAILING
    assert s.count("/reset") == 2  # a reset gets one more try (a GET)


def test_links_fed_early_are_checked_once(servers: Servers) -> None:
    s = servers("127.0.0.1")
    s.routes.update({"/a": ok(), "/b": status(404), "/unused": slow(0.3)})
    with LinkCheck(fast(workers=1)) as run:
        run.prefetch([s.url("/a"), s.url("/b"), s.url("/a")])
        run.prefetch([s.url("/b"), "mailto:x@example.org"])
        for i in range(5):
            run.prefetch([s.url(f"/unused?{i}")])  # not in the final uses: dropped if queued
        results = run.results(uses(s.url("/a"), s.url("/b"), "mailto:x@example.org"))
    assert [r.status for r in results] == [Status.WORKING, Status.BROKEN, Status.UNCHECKED]
    assert s.count("/a") == 1 and s.count("/b") == 2  # 404: HEAD then GET, once
    assert s.count("/unused") < 5


def test_settings_reject_a_bad_auth_entry() -> None:
    from checker.errors import InputError

    with pytest.raises(InputError, match="auth entries"):
        LinkSettings(auth=[("^https://a/", "user", "pw")])
    pairs = LinkSettings(auth=[("^https://a/", ["u", "p"])]).auth_rules
    assert pairs == (("^https://a/", ("u", "p")),)
