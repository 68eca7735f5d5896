"""Which addresses a fetch may reach: public unicast only, unless the caller allows more.

A tool that fetches URLs found in content (a feed's entry links; for the server, any
``{"url": ...}``) can be made to read what only its machine can reach: 127.0.0.1, the
cloud metadata service on 169.254.169.254, the private network (server-side request
forgery). This module is the one implementation of the check, for ingest and the server:

* :func:`is_public` classifies an address with the standard library completely
  (``is_global``, and not multicast, site-local, reserved...), after unwrapping every form
  that carries an IPv4 address inside IPv6: mapped (``::ffff:a.b.c.d``), translated
  (``::ffff:0:a.b.c.d``), compatible (``::a.b.c.d``), NAT64 (``64:ff9b::/96``), 6to4, Teredo;
* :func:`literal_address` reads host literals the way the C resolver does, so
  ``0177.0.0.1`` (octal), ``0x7f.1`` and ``2130706433`` are the loopback address they reach;
* :class:`GuardedTransport` resolves each host, refuses it when any address is not
  allowed, and connects to the address it checked (same Host header and TLS name), so a
  second DNS answer cannot swap in a private one; every redirect hop goes through it.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from typing import Final

import httpx

from accordingto.errors import FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
#: host, port -> the addresses it resolves to.
Resolver = Callable[[str, int], list[str]]

_DEFAULT_PORTS: Final = {"http": 80, "https": 443}
_NAT64: Final = ipaddress.IPv6Network("64:ff9b::/96")
_TRANSLATED: Final = ipaddress.IPv6Network("::ffff:0:0:0/96")
_COMPATIBLE: Final = ipaddress.IPv6Network("::/96")


class PrivateAddressError(FetchError):
    """A URL whose host is, or resolves to, an address that may not be reached."""

    hint = "only public addresses are fetched; pass --allow-private-addresses to read a local site"


def literal_address(host: str) -> IPAddress | None:
    """The address a host literal names ("[::1]", "10.0.0.1", "0177.0.0.1", "2130706433"), or
    None for a host name. IPv4 follows inet_aton: octal, hex and 1-4 parts, as resolvers read it."""
    bare = host.strip("[]").split("%", 1)[0]
    try:
        return ipaddress.ip_address(bare)
    except ValueError:
        pass
    try:
        return ipaddress.IPv4Address(socket.inet_aton(bare))
    except (OSError, ValueError):
        return None


def embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address leads to, when it is one of the forms carrying one."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    low32 = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip in _NAT64 or ip in _TRANSLATED:
        return low32
    if ip in _COMPATIBLE and int(ip) > 1:  # ::a.b.c.d; not :: (unspecified) or ::1 (loopback)
        return low32
    return None


def is_public(address: str | IPAddress) -> bool:
    """True for a global unicast address; False for loopback, private, link-local, site-local,
    multicast, reserved, unspecified and shared-space addresses, IPv4 ones wrapped in IPv6,
    and anything that is not an address at all."""
    ip = address if not isinstance(address, str) else literal_address(address)
    if ip is None:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = embedded_ipv4(ip)
        if embedded is not None:
            return is_public(embedded)  # the IPv4 host it reaches decides, whatever the prefix says
        if ip.is_site_local:  # fec0::/10: deprecated, but still routed inside some networks
            return False
    refused = ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
    refused = refused or ip.is_reserved or ip.is_unspecified
    return ip.is_global and not refused


def resolve(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for a host (literals as inet_aton reads them)."""
    literal = literal_address(host)
    if literal is not None:
        return [str(literal)]
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve the host {host!r} ({exc})") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


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
    """An httpx transport that connects only to allowed (by default public) addresses, pinned as checked."""

    def __init__(
        self,
        *,
        resolver: Resolver = resolve,
        inner: httpx.BaseTransport | None = None,
        allowed: Callable[[str], bool] = is_public,
    ) -> None:
        self.resolver = resolver
        self.inner = inner or httpx.HTTPTransport()
        self.allowed = allowed

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
