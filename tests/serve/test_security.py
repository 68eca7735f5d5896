"""Read-only by default, loopback by default, no requests to private addresses, no
cross-site writes, no DNS rebinding, security headers. No test sends a packet beyond this
machine: public addresses appear only behind a mock transport that never connects."""

from __future__ import annotations

import http.server
import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from accordingto.cli import main
from accordingto.errors import FetchError
from accordingto.ingest import Fetcher, FetchSettings
from accordingto.serve.config import LOOPBACK_HOSTS
from accordingto.serve.fetching import GuardedTransport, PrivateAddressError, is_public, public_address
from accordingto.serve.server import ServeOptions, bind_address, warnings_for
from tests.serve.conftest import MakeClient
from tests.serve.test_errors import assert_error_shape

PUBLIC = "93.184.216.34"  # only ever given to a mock transport


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://127.0.0.1:8000/api/articles",
        "http://10.0.0.1/",
        "http://192.168.1.10/",
        "http://172.16.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "http://localhost/",
        "https://localhost:8443/admin",
    ],
)
def test_urls_on_private_and_loopback_addresses_are_refused(client: TestClient, url: str) -> None:
    body = assert_error_shape(client.post("/api/analyze", json={"url": url}), 403)
    assert "not a public address" in body["error"]


def test_a_host_name_resolving_to_a_private_address_is_refused(make_client: MakeClient) -> None:
    def resolver(host: str, port: int) -> list[str]:
        return {"news.example": [PUBLIC, "10.1.2.3"]}.get(host, [])

    with make_client(resolver=resolver) as client:
        body = assert_error_shape(client.post("/api/analyze", json={"url": "http://news.example/story"}), 403)
    assert "10.1.2.3" in body["error"]


@pytest.mark.parametrize(
    ("address", "public"),
    [
        (PUBLIC, True),
        ("2606:4700:4700::1111", True),
        ("127.0.0.53", False),
        ("100.64.0.1", False),  # shared address space
        ("224.0.0.251", False),  # multicast
        ("240.0.0.1", False),  # reserved
        ("fe80::1", False),
        ("fc00::1", False),
        ("2002:7f00:1::1", False),  # 6to4 around 127.0.0.1
    ],
)
def test_which_addresses_are_public(address: str, public: bool) -> None:
    assert is_public(address) is public


def test_the_transport_connects_to_the_address_it_checked_and_keeps_the_host_name() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, text="ok")

    transport = GuardedTransport(resolver=lambda host, port: [PUBLIC], inner=httpx.MockTransport(answer))
    with httpx.Client(transport=transport) as client:
        assert client.get("https://news.example/story?id=1").text == "ok"
    (request,) = seen
    assert request.url.host == PUBLIC and request.url.path == "/story"  # no second lookup to rebind
    assert request.headers["host"] == "news.example"
    assert request.extensions["sni_hostname"] == "news.example"  # the certificate is checked for the name


def test_a_redirect_to_a_private_address_is_refused() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"location": "http://internal.example/admin"})

    addresses = {"news.example": [PUBLIC], "internal.example": ["10.0.0.8"]}
    transport = GuardedTransport(resolver=lambda host, port: addresses[host], inner=httpx.MockTransport(answer))
    with (
        Fetcher(FetchSettings(host_delay=0), transport=transport) as fetcher,
        pytest.raises(PrivateAddressError, match=r"internal\.example"),
    ):
        fetcher.fetch("http://news.example/story")


def test_a_host_with_no_address_is_a_fetch_error() -> None:
    with pytest.raises(FetchError, match="no address"):
        public_address("nowhere.example", 80, resolver=lambda host, port: [])


@pytest.fixture
def article_server() -> Iterator[str]:
    """A page on this machine's loopback, for the server started with --allow-private-urls."""
    page = (
        "<html><head><title>Harbour news</title></head><body><article><h1>Harbour news</h1>"
        + "".join(
            f'<p>"The harbour will reopen in spring," the port director said on day {n}, adding that repairs '
            "were ahead of schedule and that the ferries would resume.</p>"
            for n in range(5)
        )
        + "</article></body></html>"
    ).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/news.html"
    server.shutdown()
    server.server_close()


def test_private_urls_are_fetched_only_when_allowed(make_client: MakeClient, article_server: str) -> None:
    with make_client() as refusing:
        assert_error_shape(refusing.post("/api/analyze", json={"url": article_server}), 403)
    with make_client(allow_private_urls=True) as allowing:
        body = allowing.post("/api/analyze", json={"url": article_server, "outlet": "Harbour Post"}).json()
    assert body["article"]["url"] == article_server
    assert body["article"]["outlet"] == "Harbour Post"
    assert any(a["cue"] and a["cue"]["text"] == "said" for a in body["attributions"])


def test_read_only_refuses_every_write(client: TestClient) -> None:
    assert_error_shape(client.post("/api/analyze?store=true", json={"text": "It is fine, he said."}), 403)
    assert_error_shape(client.delete("/api/articles/g1"), 403)
    page = client.post("/articles/g1/delete")
    assert_error_shape(page, 403)
    form = client.post("/analyze", data={"text": "It is fine, he said.", "store": "on"})
    assert form.status_code == 403 and "--allow-writes" in form.text
    assert client.get("/api/articles/g1").status_code == 200  # still there


def test_a_server_on_loopback_answers_only_to_loopback_names(make_client: MakeClient) -> None:
    with make_client(trusted_hosts=LOOPBACK_HOSTS, base_url="http://evil.example:8000") as rebinding:
        body = assert_error_shape(rebinding.get("/api/articles"), 400)
        assert "evil.example" in body["error"]
    for base in ("http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000"):
        with make_client(trusted_hosts=LOOPBACK_HOSTS, base_url=base) as local:
            assert local.get("/api/articles").status_code == 200


def test_cross_site_writes_are_refused(writable: TestClient) -> None:
    evil = {"origin": "http://evil.example"}
    assert_error_shape(writable.post("/api/analyze", json={"text": "x"}, headers=evil), 403)
    assert_error_shape(writable.delete("/api/articles/g1", headers=evil), 403)
    same = {"origin": "http://testserver"}
    assert writable.delete("/api/articles/g1", headers=same).status_code == 200


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for response in (client.get("/"), client.get("/api/articles"), client.get("/api/nothing")):
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"


def test_loopback_by_default_and_the_network_only_when_asked(tmp_path: Path) -> None:
    default = ServeOptions(db=tmp_path / "c.db")
    assert bind_address(default) == ("127.0.0.1", LOOPBACK_HOSTS)
    assert warnings_for(default, "127.0.0.1") == []
    network = ServeOptions(db=tmp_path / "c.db", host="0.0.0.0", allow_writes=True)
    host, trusted = bind_address(network)
    assert (host, trusted) == ("0.0.0.0", None)
    assert any("--allow-writes" in w for w in warnings_for(network, host))


def test_the_command_documents_itself_and_stops_cleanly_on_a_bad_database(tmp_path: Path) -> None:
    runner = CliRunner()
    helped = runner.invoke(main, ["serve", "--help"])
    assert helped.exit_code == 0 and "--allow-writes" in helped.output and "Example" in helped.output
    missing_folder = tmp_path / "no" / "such" / "folder" / "c.db"
    failed = runner.invoke(main, ["serve", "--db", str(missing_folder)])
    assert failed.exit_code == 4
    assert "[AT506]" in failed.output and "Traceback" not in failed.output


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    """An HTTPS server on loopback with a self-signed certificate for news.example."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is missing: it makes the test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    command = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=news.example"]
    command += ["-addext", "subjectAltName=DNS:news.example", "-keyout", str(key), "-out", str(cert)]
    subprocess.run(command, check=True, capture_output=True)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = f"host={self.headers['Host']}".encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield int(server.server_address[1]), cert
    server.shutdown()
    server.server_close()


def test_https_through_a_pinned_address_checks_the_certificate_for_the_host_name(
    tls_server: tuple[int, Path],
) -> None:
    port, cert = tls_server
    trusting = ssl.create_default_context(cafile=str(cert))

    def client() -> httpx.Client:
        transport = GuardedTransport(
            resolver=lambda name, _: ["127.0.0.1"],
            inner=httpx.HTTPTransport(verify=trusting),
            allowed=lambda address: True,  # this test's server is on loopback
        )
        return httpx.Client(transport=transport)

    with client() as pinned:
        answer = pinned.get(f"https://news.example:{port}/story")
    assert answer.status_code == 200 and answer.text == f"host=news.example:{port}"
    with client() as wrong_name, pytest.raises(httpx.ConnectError, match="certificate"):
        wrong_name.get(f"https://other.example:{port}/story")
