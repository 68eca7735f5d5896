"""The guard around the whole app (plain ASGI, outermost after Starlette's own):

* the Host header must name a trusted host when the server was given some (loopback);
* a state-changing request (POST, PUT, PATCH, DELETE) from a browser must come from a page
  of this server (its Origin header), so another site cannot make a visitor's browser
  store or delete articles;
* request bodies are limited: a declared Content-Length over the limit is refused before
  reading, and a body streamed without one is counted as it arrives;
* security headers on every response (no inline script or style runs, no framing);
* an exception nobody handled becomes the one error shape, its traceback in the log only.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from urllib.parse import urlsplit

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from accordingto.serve.errors import ApiError

log = logging.getLogger("accordingto.serve")

#: (scope, status, message) -> the error response (JSON, or HTML for a browser's page).
Responder = Callable[[Scope, int, str], Response]

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        b"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def host_name(host_header: str) -> str:
    """``example.org`` of ``example.org:8000``, ``::1`` of ``[::1]:8000``."""
    parsed = urlsplit(f"//{host_header}")
    return (parsed.hostname or "").lower()


class GuardMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body_bytes: int,
        respond: Responder,
        trusted_hosts: tuple[str, ...] | None = None,
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.respond = respond
        self.trusted_hosts = None if trusted_hosts is None else {h.lower().strip("[]") for h in trusted_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._refusal(scope)
        if refusal is not None:
            await self.respond(scope, *refusal)(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        try:
            await self.app(scope, self._limited(receive), send_with_headers)
        except Exception as exc:
            if started:
                raise
            reference = secrets.token_hex(4)
            log.error("internal error %s on %s %s", reference, scope.get("method"), scope.get("path"), exc_info=exc)
            message = f"internal error (reference {reference}); the server log has the details"
            await self.respond(scope, 500, message)(scope, receive, send_with_headers)

    def _refusal(self, scope: Scope) -> tuple[int, str] | None:
        host = _header(scope, b"host") or ""
        if self.trusted_hosts is not None and host_name(host) not in self.trusted_hosts:
            return 400, f"this server answers only as {', '.join(sorted(self.trusted_hosts))}, not {host[:100]!r}"
        if scope.get("method") in UNSAFE_METHODS:
            origin = _header(scope, b"origin")
            if origin is not None and urlsplit(origin).netloc.lower() != host.lower():
                return 403, "cross-site requests may not change anything on this server"
        length = _header(scope, b"content-length")
        if length is not None and length.strip().isdigit() and int(length) > self.max_body_bytes:
            return 413, self._too_large()
        return None

    def _too_large(self) -> str:
        return f"the request body is larger than this server's limit of {self.max_body_bytes:,} bytes"

    def _limited(self, receive: Receive) -> Receive:
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body_bytes:
                    raise ApiError(413, self._too_large())
            return message

        return counted
