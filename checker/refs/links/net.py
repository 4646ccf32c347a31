"""Where requests go: each host resolved once, checked, and connected to by that address.

Resolving a name to check it and letting the HTTP library resolve it again
to connect opens a DNS-rebinding hole: the second answer may be a private
address.  Here the addresses that passed the check are the ones connected
to -- for the first request and every redirect hop -- while the ``Host``
header and the TLS server name (SNI, certificate check) stay the URL's own.

Connections are pooled per origin (scheme, host, port), at most
``per_host_limit`` of them, so a host's requests reuse keep-alive
connections instead of opening one per worker.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import urllib3
from urllib3.exceptions import NewConnectionError

from .settings import LinkSettings, Resolve

#: errno values that say "this address cannot be reached from here; try the next"
_UNREACHABLE = frozenset({101, 113, 97})  # ENETUNREACH, EHOSTUNREACH, EAFNOSUPPORT


class PrivateAddressError(Exception):
    """A URL (or a redirect hop) points at an address the policy refuses."""

    def __init__(self, host: str, address: str) -> None:
        super().__init__(f"{host} resolves to the private address {address}")
        self.host = host
        self.address = address


def is_private(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def system_resolve(host: str, port: int) -> list[str]:
    """The system resolver's addresses for ``host``, in its order, without repeats."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _literal(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host.split("%", 1)[0]))
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Pinned:
    """The checked addresses of one host; connections go to these and nowhere else."""

    host: str
    addresses: tuple[str, ...]
    private: bool


class AddressBook:
    """Resolves each host once per run and refuses private ones unless allowed.

    The answer (or the resolver's error) is kept for the whole run, so a
    name that answers differently the second time changes nothing.
    """

    def __init__(self, allow_private: bool, resolve: Resolve | None = None) -> None:
        self.allow_private = allow_private
        self._resolve = resolve or system_resolve
        self._known: dict[str, Pinned | OSError] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def lookup(self, host: str, port: int) -> Pinned:
        """The pinned addresses of ``host``; raises ``PrivateAddressError`` or ``OSError``."""
        host = host.lower()
        with self._lock:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:  # one resolution per host, even when two workers ask at once
            known = self._known.get(host)
            if known is None:
                known = self._known[host] = self._pin(host, port)
        if isinstance(known, OSError):
            raise known
        private = next((a for a in known.addresses if is_private(a)), None)
        if private is not None and not self.allow_private:
            raise PrivateAddressError(host, private)
        return known

    def _pin(self, host: str, port: int) -> Pinned | OSError:
        literal = _literal(host)
        try:
            addresses = [literal] if literal else list(self._resolve(host, port))
        except OSError as err:
            return err
        if not addresses:
            return socket.gaierror(socket.EAI_NONAME, "no address")
        return Pinned(host, tuple(addresses), any(is_private(a) for a in addresses))


def wire_url(url: str) -> str:
    """``url`` as it goes on the wire: an IDNA host name, a percent-encoded path."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if not host.isascii():
        userinfo, at, _ = parts.netloc.rpartition("@")
        port = f":{parts.port}" if parts.port else ""
        netloc = f"{userinfo}{at}{host.encode('idna').decode('ascii')}{port}"
        parts = parts._replace(netloc=netloc)
    # percent-encode what may not go on the wire as is, keeping escapes already there
    return quote(urlunsplit(parts), safe="!#$%&'()*+,/:;=?@[]~")


def host_header(url: str) -> str:
    """The ``Host`` header of ``url``: its netloc without credentials."""
    return urlsplit(url).netloc.rsplit("@", 1)[-1]


def _request_target(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


class Transport:
    """Connection pools per origin, each bound to the origin's pinned address."""

    def __init__(self, settings: LinkSettings, book: AddressBook) -> None:
        self.settings = settings
        self.book = book
        #: origin -> (the address it is bound to, its pool)
        self._pools: dict[tuple[str, str, int], tuple[str, urllib3.HTTPConnectionPool]] = {}
        self._lock = threading.Lock()
        self._timeout = urllib3.Timeout(
            connect=settings.connect_timeout, read=settings.read_timeout
        )

    def close(self) -> None:
        with self._lock:
            pools, self._pools = list(self._pools.values()), {}
        for _, pool in pools:
            pool.close()

    def private(self, url: str) -> bool:
        """Check ``url``'s host against the address policy; whether it is private."""
        parts = urlsplit(url)
        return self.book.lookup(parts.hostname or "", _port(parts.scheme, parts.port)).private

    def open(self, method: str, url: str, headers: Mapping[str, str]) -> Any:
        """Send one request (no redirects followed, body not read) to the pinned address."""
        parts = urlsplit(url)
        host, port = (parts.hostname or "").lower(), _port(parts.scheme, parts.port)
        pinned = self.book.lookup(host, port)
        sent = {**headers, "Host": host_header(url)}
        for i, address in enumerate(pinned.addresses):
            pool = self._pool(parts.scheme.lower(), host, port, address, sent["Host"])
            try:
                return pool.urlopen(
                    method,
                    _request_target(url),
                    headers=sent,
                    redirect=False,
                    retries=False,
                    preload_content=False,
                    assert_same_host=False,
                )
            except NewConnectionError as err:
                # An address this machine cannot route to (IPv6 without a
                # route ...): the next checked address may do.
                errno = getattr(err.__context__, "errno", None)
                if errno not in _UNREACHABLE or i == len(pinned.addresses) - 1:
                    raise
                self._forget(parts.scheme.lower(), host, port)
        raise AssertionError("unreachable")

    def _pool(
        self, scheme: str, host: str, port: int, address: str, netloc: str
    ) -> urllib3.HTTPConnectionPool:
        key = (scheme, host, port)
        with self._lock:
            bound = self._pools.get(key)
            if bound is None or bound[0] != address:
                bound = self._pools[key] = (address, self._new_pool(scheme, netloc, port, address))
            return bound[1]

    def _forget(self, scheme: str, host: str, port: int) -> None:
        with self._lock:
            pool = self._pools.pop((scheme, host, port), None)
        if pool is not None:
            pool[1].close()

    def _new_pool(
        self, scheme: str, netloc: str, port: int, address: str
    ) -> urllib3.HTTPConnectionPool:
        common: dict[str, Any] = {
            "port": port,
            "maxsize": self.settings.per_host_limit,
            "block": False,
            "timeout": self._timeout,
            "retries": False,
        }
        if scheme != "https":
            return urllib3.HTTPConnectionPool(address, **common)
        verify = self.settings.verify
        host = urlsplit(f"//{netloc}").hostname or ""
        return urllib3.HTTPSConnectionPool(
            address,
            **common,
            server_hostname=None if _literal(host) else host,
            assert_hostname=host if verify else False,
            cert_reqs="CERT_REQUIRED" if verify else "CERT_NONE",
            ca_certs=_ca_bundle(self.settings.ca_certs, netloc) if verify else None,
        )


def _port(scheme: str, port: int | None) -> int:
    return port or (443 if scheme.lower() == "https" else 80)


def _ca_bundle(ca_certs: str | Mapping[str, str] | None, netloc: str) -> str:
    """As ``tls_cacerts``: one bundle, or one per ``host:port``; certifi's otherwise."""
    import certifi  # importlib.resources: not worth loading before the first HTTPS pool

    if isinstance(ca_certs, Mapping):
        chosen = ca_certs.get(netloc)
        return str(chosen) if chosen else certifi.where()
    return str(ca_certs) if ca_certs else certifi.where()
