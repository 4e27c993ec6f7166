"""
Article identity by URL: two spellings of one article's address compare equal.

An article is identified by its URL (``Source.key``), but the same article reaches a
newsroom as ``https://Example.org/a/``, ``https://example.org:443/a#comments`` and
``https://example.org/a?utm_source=twitter``. :func:`canonical_url` is the form they
are compared in: scheme and host lower-cased, the default port dropped, a trailing slash
and the fragment dropped, tracking parameters (``utm_*``, ``fbclid``, ``gclid`` …, the
list in ``factreg/data/urls/tracking-parameters.txt``) removed, the other parameters
kept in their order. Path and parameter values keep their case: servers may tell them
apart. Only ``http`` and ``https`` URLs are rewritten; other schemes (``urn:``, ``doi:``)
are compared as given.
"""

from __future__ import annotations

import functools
import re
from importlib.resources import files
from urllib.parse import urlsplit, urlunsplit

_DEFAULT_PORTS = {"http": "80", "https": "443"}
#: A URL already in canonical form, the common case: lower-case scheme and host, no port,
#: user, query or fragment, no trailing slash. Returned as is without being taken apart.
_CANONICAL = re.compile(r"https?://[a-z0-9.-]+(?:/[^?#\s]*[^/?#\s])?")


def _tracking() -> tuple[frozenset[str], tuple[str, ...]]:
    text = (files("factreg") / "data" / "urls" / "tracking-parameters.txt").read_text(
        encoding="utf-8"
    )
    names = [w.lower() for line in text.splitlines() for w in line.split("#", 1)[0].split()]
    return (
        frozenset(n for n in names if not n.endswith("*")),
        tuple(n[:-1] for n in names if n.endswith("*")),
    )


TRACKING_NAMES, TRACKING_PREFIXES = _tracking()


def is_tracking(name: str) -> bool:
    """
    True when the query parameter ``name`` only tracks how a reader arrived.
    """
    folded = name.lower()
    return folded in TRACKING_NAMES or folded.startswith(TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """
    The form in which article URLs are compared (see the module docstring).

    >>> canonical_url("HTTPS://Example.ORG:443/News/a/?utm_source=x&id=7#top")
    'https://example.org/News/a?id=7'
    """
    if _CANONICAL.fullmatch(url):
        return url
    return _rewritten(url)


@functools.lru_cache(maxsize=4096)
def _rewritten(url: str) -> str:
    # Claims of one article come together (an import, a restore): cached.
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:  # a port that is not a number: compared as given
        return url
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return url
    host = parts.hostname.lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    userinfo = parts.netloc.rpartition("@")[0]
    netloc = (userinfo + "@" if userinfo else "") + host
    if port is not None and str(port) != _DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    path = parts.path.rstrip("/")
    query = "&".join(
        pair for pair in parts.query.split("&") if pair and not is_tracking(pair.split("=", 1)[0])
    )
    return urlunsplit((scheme, netloc, path, query, ""))
