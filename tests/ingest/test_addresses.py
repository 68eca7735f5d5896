"""Which addresses links found in content may reach: public unicast only, every IPv4-in-IPv6
form unwrapped, host literals read as the C resolver reads them. No test sends a packet:
public addresses appear only behind a mock transport."""

from __future__ import annotations

import httpx
import pytest

from accordingto.ingest import Fetcher, FetchSettings
from accordingto.ingest.addresses import GuardedTransport, PrivateAddressError, is_public, literal_address

PUBLIC = "93.184.216.34"  # only ever given to a mock transport


@pytest.mark.parametrize(
    "address",
    [
        "64:ff9b::a00:1",  # NAT64 to 10.0.0.1
        "64:ff9b::7f00:1",  # NAT64 to 127.0.0.1
        "::127.0.0.1",  # IPv4-compatible loopback
        "::ffff:0:7f00:1",  # IPv4-translated loopback
        "::ffff:127.0.0.1",  # IPv4-mapped loopback
        "fec0::1",  # site-local
        "0177.0.0.1",  # octal loopback
        "0x7f.1",  # hex, two parts
        "2130706433",  # 127.0.0.1 as one number
        "2002:a00:1::1",  # 6to4 around 10.0.0.1
        "2001:0:4136:e378:8000:63bf:f5ff:fffe",  # Teredo, client 10.0.0.1
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # shared address space
        "::",
        "::1",
        "fe80::1%eth0",
        "ff02::1",
        "not an address",
    ],
)
def test_addresses_that_reach_this_machine_or_a_private_network_are_not_public(address: str) -> None:
    assert is_public(address) is False


@pytest.mark.parametrize("address", [PUBLIC, "2606:4700:4700::1111", "64:ff9b::5db8:d822", "::ffff:93.184.216.34"])
def test_public_addresses_and_public_ipv4_behind_nat64_or_mapping_are_public(address: str) -> None:
    assert is_public(address) is True


def test_host_literals_are_read_as_the_resolver_reads_them() -> None:
    assert str(literal_address("0177.0.0.1")) == "127.0.0.1"
    assert str(literal_address("[::1]")) == "::1"
    assert literal_address("news.example") is None


def never(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"a request was sent to {request.url}")


@pytest.mark.parametrize("url", ["http://0177.0.0.1/", "http://[64:ff9b::a00:1]/admin", "http://[fec0::1]/"])
def test_a_linked_url_on_a_private_literal_is_refused_before_anything_is_sent(url: str) -> None:
    with (
        Fetcher(FetchSettings(host_delay=0), transport=httpx.MockTransport(never)) as fetcher,
        pytest.raises(PrivateAddressError, match="is not a public address: refused"),
    ):
        fetcher.fetch(url, public_only=True)


def test_a_name_resolving_to_nat64_of_a_private_address_is_refused_on_a_redirect() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"location": "http://internal.example/admin"})

    addresses = {"news.example": [PUBLIC], "internal.example": ["64:ff9b::a00:8"]}
    transport = GuardedTransport(resolver=lambda host, port: addresses[host], inner=httpx.MockTransport(answer))
    with (
        Fetcher(FetchSettings(host_delay=0), transport=transport) as fetcher,
        pytest.raises(PrivateAddressError, match=r"internal\.example \(64:ff9b::a00:8\) is not a public address"),
    ):
        fetcher.fetch("http://news.example/story")
