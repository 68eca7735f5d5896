"""What a server may do and how much: every limit of ``accordingto serve`` in one place."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
LOOPBACK_HOSTS: tuple[str, ...] = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True, slots=True)
class Limits:
    """Limits of one server.

    max_body_bytes: larger request bodies are refused (413) before they are read whole.
    max_chars: longer articles are refused (413); the CLI's default is far higher, but a
        server shares one analysis worker between all its clients.
    analysis_timeout: seconds an analysis may take, waiting in line included (504).
    max_waiting_analyses: analyses queued behind the one running; more get 503 at once.
    fetch_timeout, fetch_max_bytes: for ``{"url": ...}``: the whole fetch, the page size.
    query_timeout: seconds a corpus query may take before it is interrupted (504).
    query_workers: threads reading the corpus, one read-only connection each.
    max_waiting_queries: queries queued for those threads; more get 503 at once.
    header_timeout: seconds a client has to send a request's line and headers, from the
        moment the server waits for them; a slower one gets 408 and is disconnected.
    """

    max_body_bytes: int = 2 * 1024 * 1024
    max_chars: int = 200_000
    analysis_timeout: float = 60.0
    max_waiting_analyses: int = 64
    fetch_timeout: float = 15.0
    fetch_max_bytes: int = 5 * 1024 * 1024
    query_timeout: float = 20.0
    query_workers: int = 4
    max_waiting_queries: int = 256
    header_timeout: float = 10.0

    def __post_init__(self) -> None:
        for name in ("max_body_bytes", "max_chars", "query_workers"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        for name in ("analysis_timeout", "fetch_timeout", "query_timeout", "header_timeout"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")

    def with_(self, **changes: Any) -> Limits:
        """A copy with the given fields changed; None values leave a field as it is."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


@dataclass(frozen=True, slots=True)
class Access:
    """What clients may do.

    allow_writes: storing analyses (``?store=true``) and deleting articles; off by default.
    allow_private_urls: ``{"url": ...}`` may point at loopback and private addresses.
    trusted_hosts: when set, requests whose Host header names another host are refused
        (a server on loopback should only be reached as localhost: this defeats DNS
        rebinding, where a web page's own host name is made to resolve to 127.0.0.1).
    """

    allow_writes: bool = False
    allow_private_urls: bool = False
    trusted_hosts: tuple[str, ...] | None = field(default=None)
