"""Fetching ``{"url": ...}`` for analysis without letting clients reach the server's network.

A server that fetches any URL it is given can be made to read what only it can reach: its
own admin pages on 127.0.0.1, a cloud metadata service on 169.254.169.254, machines on the
private network (server-side request forgery). So, unless the server was started with
``--allow-private-urls``:

* every host name is resolved, and the request is refused when any of its addresses is
  not a public unicast address (loopback, private, link-local, multicast, reserved,
  unspecified, shared address space, IPv4 inside IPv6...);
* the connection then goes to the address that was checked, with the original Host header
  and TLS server name, so a second DNS answer cannot swap in a private address (DNS
  rebinding);
* the check is in the HTTP transport, so every redirect hop is checked the same way.

Fetching itself (time and size limits, redirects, encodings) is the ingest layer's
:class:`~accordingto.ingest.Fetcher`.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

import httpx

from accordingto.errors import FetchError
from accordingto.ingest import Document, Fetcher, FetchSettings, PendingFetch
from accordingto.ingest.fetch import page_items

#: host, port -> the addresses it resolves to.
Resolver = Callable[[str, int], list[str]]
_DEFAULT_PORTS = {"http": 80, "https": 443}


class PrivateAddressError(FetchError):
    """A URL whose host is, or resolves to, an address clients may not make the server reach."""

    hint = "only public http(s) addresses can be analysed by URL on this server"


def resolve(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for a host (literal addresses as they are)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve the host {host!r} ({exc})") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def is_public(address: str) -> bool:
    """True for a global unicast address; False for loopback, private, link-local, multicast,
    reserved, unspecified and shared-space addresses, and an IPv4 one of those wrapped in IPv6."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None and not is_public(str(embedded)):
            return False
    return ip.is_global and not ip.is_multicast


def public_address(
    host: str, port: int, resolver: Resolver = resolve, allowed: Callable[[str], bool] = is_public
) -> str:
    """The address to connect to for a host: its first, once every one of them is allowed."""
    addresses = resolver(host, port)
    if not addresses:
        raise FetchError(f"the host {host!r} has no address")
    refused = [a for a in addresses if not allowed(a)]
    if refused:
        shown = host if refused[0] == host.strip("[]") else f"{host} ({refused[0]})"
        raise PrivateAddressError(f"{shown} is not a public address: refused")
    return addresses[0]


class GuardedTransport(httpx.BaseTransport):
    """An httpx transport that connects only to public addresses, pinned as checked."""

    def __init__(
        self,
        *,
        resolver: Resolver = resolve,
        inner: httpx.BaseTransport | None = None,
        allowed: Callable[[str], bool] = is_public,
    ) -> None:
        self.resolver = resolver
        self.inner = inner or httpx.HTTPTransport()
        self.allowed = allowed  # the address policy (tests loosen it to reach a local server)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        port = request.url.port or _DEFAULT_PORTS.get(request.url.scheme, 80)
        address = public_address(host, port, self.resolver, self.allowed)
        if address != host:
            # the Host header was set from the URL when the request was built; TLS checks
            # the certificate against the name given as sni_hostname
            request.url = request.url.copy_with(host=address)
            request.extensions = {**request.extensions, "sni_hostname": host}
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def check_url(url: str) -> None:
    """Refuse what is not an absolute http(s) URL before anything is resolved."""
    parts = urlsplit(url)
    if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise FetchError(f"{url[:200]!r} is not an http(s) URL", hint="give a URL starting with http:// or https://")


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
    with Fetcher(settings, transport=transport) as fetcher:
        page = fetcher.fetch(url)
    items = page_items(page, PendingFetch(url=url, origin=url, expand_feeds=False))
    document = items[0] if items else None
    if not isinstance(document, Document):
        raise FetchError(f"{url}: the page holds no article")
    return document
