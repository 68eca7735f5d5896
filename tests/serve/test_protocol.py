"""A real uvicorn server drops a client that sends its request head too slowly (slowloris)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from accordingto.serve.protocol import protocol
from accordingto.serve.server import uvicorn_settings


def _hello(_request: object) -> PlainTextResponse:
    return PlainTextResponse("hello")


@pytest.fixture
def port() -> Iterator[int]:
    """A uvicorn server (h11, header deadline 0.5 s) on a free loopback port."""
    app = Starlette(routes=[Route("/", _hello)])
    config = uvicorn.Config(app, host="127.0.0.1", port=0, http=protocol(0.5), log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started
    yield server.servers[0].sockets[0].getsockname()[1]
    server.should_exit = True
    thread.join(10)


def _closed_after(sock: socket.socket, drip: bytes, every: float, limit: float) -> tuple[float, bytes]:
    """Send ``drip`` a byte at a time; seconds until the server closed, and what it answered."""
    start = time.monotonic()
    answer = b""
    sock.settimeout(every)
    for byte in drip:
        try:
            sock.sendall(bytes([byte]))
            chunk = sock.recv(4096)
            if not chunk:
                break
            answer += chunk
        except TimeoutError:
            continue
        except OSError:
            break
        if time.monotonic() - start > limit:
            break
    return time.monotonic() - start, answer


def test_a_request_head_sent_a_byte_at_a_time_is_cut_off(port: int) -> None:
    with socket.create_connection(("127.0.0.1", port)) as sock:
        elapsed, answer = _closed_after(sock, b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + b"a" * 100, 0.2, 10)
    assert elapsed < 3
    assert answer.startswith(b"HTTP/1.1 408")


def test_a_prompt_client_is_answered_and_kept_alive_for_its_next_request(port: int) -> None:
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.settimeout(5)
        for _ in range(2):
            sock.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
            answer = b""
            while not answer.endswith(b"hello") and (chunk := sock.recv(4096)):
                answer += chunk
            assert answer.startswith(b"HTTP/1.1 200") and answer.endswith(b"hello")
            time.sleep(0.3)  # under the deadline: the deadline restarts after each response


def test_the_server_runs_with_the_header_deadline() -> None:
    settings = uvicorn_settings(header_timeout=7.0)
    assert settings["http"].keywords == {"header_timeout": 7.0}
    assert settings["timeout_keep_alive"] <= 7.0
    assert settings["h11_max_incomplete_event_size"] <= 64 * 1024
