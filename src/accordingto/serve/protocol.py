"""uvicorn's h11 protocol with a deadline for the request head (request line and headers).

uvicorn arms no timer while a request's head is arriving: its keep-alive timer starts only
once a response has been sent, and every byte received cancels it. A client sending its
headers a byte every few seconds (slowloris) therefore holds a connection for ever, and a
few hundred such clients hold them all. This protocol gives every request head
``header_timeout`` seconds from the moment the server waits for it (the connection opened,
or the previous response sent); a head not complete by then gets a 408 and the connection
is closed. The body is not concerned: its size is limited by the guard middleware.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

log = logging.getLogger("accordingto.serve")

DEFAULT_HEADER_TIMEOUT = 10.0


class HeaderTimeoutProtocol(H11Protocol):
    def __init__(self, *args: Any, header_timeout: float = DEFAULT_HEADER_TIMEOUT, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.header_timeout = header_timeout
        self._head_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)  # type: ignore[arg-type]
        self._arm_head_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_deadline()
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm_head_deadline()  # the next request's head has its own time

    def _arm_head_deadline(self) -> None:
        self._cancel_head_deadline()
        self._head_deadline = self.loop.call_later(self.header_timeout, self._head_timed_out)

    def _cancel_head_deadline(self) -> None:
        if self._head_deadline is not None:
            self._head_deadline.cancel()
            self._head_deadline = None

    def _head_timed_out(self) -> None:
        self._head_deadline = None
        # IDLE: h11 has not yet parsed a whole request head on this connection cycle
        if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
            return
        if self.conn.our_state is h11.IDLE:
            log.info("closing a connection that sent no complete request head in %g s", self.header_timeout)
            self._send_timeout()
        self.transport.close()

    def _send_timeout(self) -> None:
        """A plain 408 (the client that stopped half-way may still read it)."""
        message = b"request timeout: the request headers took too long to arrive\n"
        try:
            response = h11.Response(
                status_code=408,
                headers=[
                    (b"content-type", b"text/plain; charset=utf-8"),
                    (b"content-length", str(len(message)).encode()),
                    (b"connection", b"close"),
                ],
                reason=b"Request Timeout",
            )
            self.transport.write(self.conn.send(response) or b"")
            self.transport.write(self.conn.send(h11.Data(data=message)) or b"")
            self.transport.write(self.conn.send(h11.EndOfMessage()) or b"")
        except h11.LocalProtocolError:
            pass  # h11 will not answer in this state: closing is enough


def protocol(header_timeout: float = DEFAULT_HEADER_TIMEOUT) -> Any:
    """What to give uvicorn as ``http=``: the protocol class with its deadline bound
    (a partial of a module-level class, so it reaches worker processes pickled)."""
    return functools.partial(HeaderTimeoutProtocol, header_timeout=header_timeout)
