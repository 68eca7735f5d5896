"""Helpers for ingest tests: a local HTTP server's routes (never the internet) and fixture files."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

Body = bytes | Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Route:
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    body: Body = b""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Site:
    """What the local server serves, and what it was asked for."""

    base: str
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)  # (path, User-Agent)

    def url(self, path: str) -> str:
        return self.base + path

    def add_fixture(self, path: str, *parts: str, content_type: str = "text/html; charset=utf-8") -> str:
        """Serve a fixture file, with ``{base}`` in it replaced by this server's address."""
        body = fixture_bytes(*parts).replace(b"{base}", self.base.encode())
        return self.add(path, body, content_type=content_type)

    def add(
        self,
        path: str,
        body: Body,
        *,
        status: int = 200,
        content_type: str | None = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> str:
        """Serve ``body`` at ``path``; returns the full URL."""
        self.routes[path] = Route(status, content_type, body, headers or {})
        return self.url(path)


def fixture_bytes(*parts: str) -> bytes:
    return FIXTURES.joinpath(*parts).read_bytes()


def make_handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests.append((self.path, self.headers.get("User-Agent", "")))
            route = site.routes.get(self.path)
            if route is None:
                self.send_error(404, "Not Found")
                return
            if callable(route.body):
                route.body(self)
                return
            self.send_response(route.status)
            if route.content_type:
                self.send_header("Content-Type", route.content_type)
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body)

        def log_message(self, *args: object) -> None:  # keep test output quiet
            pass

    return Handler


def slow_body(seconds: float) -> Callable[[BaseHTTPRequestHandler], None]:
    """A handler that answers only after ``seconds`` (for timeout tests)."""

    def respond(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        try:
            handler.send_response(200)
            handler.send_header("Content-Type", "text/html")
            handler.end_headers()
            handler.wfile.write(b"<html><body><p>late</p></body></html>")
        except (BrokenPipeError, ConnectionResetError):
            pass

    return respond


def endless_body(chunk: bytes, total: int) -> Callable[[BaseHTTPRequestHandler], None]:
    """A handler streaming ``total`` bytes with no Content-Length (for size-limit tests)."""

    def respond(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        sent = 0
        try:
            while sent < total:
                handler.wfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass

    return respond


@contextmanager
def serve() -> Iterator[Site]:
    """A local HTTP server on 127.0.0.1 with an ephemeral port, stopped on exit."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(Site("")))
    server.daemon_threads = True  # a handler still sleeping (timeout tests) does not hold up the test
    host, port = server.server_address[:2]
    site = Site(f"http://{host!s}:{port}")
    server.RequestHandlerClass = make_handler(site)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
