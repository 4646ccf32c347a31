"""Hosts the link checker treats specially, kept as data.

``PAYWALLED_HOSTS``: publishers and newspapers that answer 401/402/403 to a
reader without a subscription (or to a bot), so such an answer means
"paywalled", not "broken".  ``RESOLVER_HOSTS``: identifier resolvers whose
whole job is to redirect (a DOI or handle to the publisher's page), so a
temporary redirect from them is how they work, not something to fix.

A host matches itself and its subdomains.  Projects extend or replace both
lists through :class:`~checker.refs.links.settings.LinkSettings`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

PAYWALLED_HOSTS: tuple[str, ...] = (
    "academic.oup.com",
    "cambridge.org",
    "degruyter.com",
    "economist.com",
    "ft.com",
    "jstor.org",
    "muse.jhu.edu",
    "nytimes.com",
    "onlinelibrary.wiley.com",
    "sciencedirect.com",
    "journals.sagepub.com",
    "link.springer.com",
    "tandfonline.com",
    "thetimes.co.uk",
    "wsj.com",
)

RESOLVER_HOSTS: tuple[str, ...] = (
    "doi.org",
    "dx.doi.org",
    "hdl.handle.net",
    "n2t.net",
    "identifiers.org",
    "purl.org",
    "worldcat.org",
)


def host_matches(url: str, hosts: tuple[str, ...]) -> bool:
    """Whether ``url``'s host is one of ``hosts`` or a subdomain of one."""
    host = (urlsplit(url).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in hosts)
