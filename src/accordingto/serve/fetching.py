"""Fetching ``{"url": ...}`` for analysis without letting clients reach the server's network.

A server that fetches any URL it is given can be made to read what only it can reach: its
own admin pages on 127.0.0.1, a cloud metadata service on 169.254.169.254, machines on the
private network (server-side request forgery). So, unless the server was started with
``--allow-private-urls``:

* every host name is resolved (accordingto.ingest.addresses, shared with the CLI's feed
  reading), and the request is refused when any of its addresses is not a public unicast
  address (loopback, private, link-local, multicast, reserved,
  unspecified, shared address space, IPv4 inside IPv6...);
* the connection then goes to the address that was checked, with the original Host header
  and TLS server name, so a second DNS answer cannot swap in a private address (DNS
  rebinding);
* the check is in the HTTP transport, so every redirect hop is checked the same way.

Fetching itself (time and size limits, redirects, encodings) is the ingest layer's
:class:`~accordingto.ingest.Fetcher`.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import httpx

from accordingto.errors import FetchError
from accordingto.ingest import Document, Fetcher, FetchSettings, PendingFetch, addresses
from accordingto.ingest.addresses import GuardedTransport, Resolver, is_public, public_address, resolve
from accordingto.ingest.fetch import page_items

# One classification of addresses for the server and the CLI (accordingto.ingest.addresses).
__all__ = ["GuardedTransport", "PrivateAddressError", "check_url", "fetch_document", "is_public", "public_address"]


PrivateAddressError = addresses.PrivateAddressError
_SERVER_HINT = "only public http(s) addresses can be analysed by URL on this server"


_URL_HINT = "give a URL starting with http:// or https://"


def check_url(url: str) -> None:
    """Refuse what is not an absolute http(s) URL before anything is resolved."""
    try:
        parts = urlsplit(url)
        host, _port = parts.hostname, parts.port  # .port raises on a port that is not a number
        # what the fetcher parses: it refuses an IPv4 literal in octal (0177.0.0.1), a bad IDNA label...
        httpx.URL(url)
    except (ValueError, httpx.InvalidURL) as exc:
        raise FetchError(f"{url[:200]!r} is not a valid URL ({exc})", hint=_URL_HINT) from None
    if parts.scheme not in ("http", "https") or not host:
        raise FetchError(f"{url[:200]!r} is not an http(s) URL", hint=_URL_HINT)
    if _BAD_HOST.search(host):
        raise FetchError(f"{url[:200]!r} has a host name that cannot exist ({host[:100]!r})", hint=_URL_HINT)


#: Characters no host name has (a space, a control character, a percent escape).
_BAD_HOST = re.compile(r"[\s\x00-\x1f\x7f%]")


def fetch_document(
    url: str,
    *,
    timeout: float,
    max_bytes: int,
    allow_private: bool = False,
    resolver: Resolver = resolve,
) -> Document:
    """The article page at ``url`` as a Document (HTML or text), within the limits.

    Raises PrivateAddressError for a refused address, FetchError, InputTooLargeError,
    BinaryInputError or ExtractionError otherwise (blocking: call it off the event loop)."""
    check_url(url)
    settings = FetchSettings(timeout=timeout, max_bytes=max_bytes, concurrency=1, host_delay=0)
    transport = None if allow_private else GuardedTransport(resolver=resolver)
    try:
        with Fetcher(settings, transport=transport) as fetcher:
            page = fetcher.fetch(url)
    except PrivateAddressError as refused:  # said as the server's rule, not the CLI's flag
        raise PrivateAddressError(refused.message, hint=_SERVER_HINT) from None
    items = page_items(page, PendingFetch(url=url, origin=url, expand_feeds=False))
    document = items[0] if items else None
    if not isinstance(document, Document):
        raise FetchError(f"{url}: the page holds no article")
    return document
