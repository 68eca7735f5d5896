"""One error shape for every error: ``{"ok": false, "error": "...", "status": N}``.

Whatever goes wrong (an unknown route, a wrong method, a parameter that does not validate,
a body too large, an analysis that takes too long, a library error, a bug) the client gets
that object with the HTTP status, or, for a browser asking for a page, the same message
on an HTML page. A 500 never shows the exception: its message is generic with a reference
that the server log repeats beside the traceback.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from accordingto.errors import (
    AccordingtoError,
    CorpusNotFoundError,
    FetchError,
    InputError,
    InputTooLargeError,
    ModelError,
    QuerySyntaxError,
    StoreError,
)

log = logging.getLogger("accordingto.serve")

#: Renders an error as an HTML page for browsers: (request, status, message) -> response.
PageRenderer = Callable[[Request, int, str], Response]

_REASONS = {
    400: "bad request",
    403: "forbidden",
    404: "not found",
    405: "method not allowed",
    408: "request timeout",
    413: "request body too large",
    415: "unsupported media type",
    422: "invalid request",
    500: "internal error",
    502: "bad gateway",
    503: "service unavailable",
    504: "timed out",
}


class ApiError(StarletteHTTPException):
    """An error with the status and the one-line message the client should see.

    A subclass of Starlette's HTTPException, so that it keeps its status when raised
    while FastAPI reads a request body (FastAPI re-raises HTTPException as it is)."""

    def __init__(self, status: int, message: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(status_code=status, detail=message, headers=headers)
        self.message = message


def error_body(status: int, message: str) -> dict[str, Any]:
    return {"ok": False, "error": message, "status": status}


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, message), status_code=status, headers=headers)


def status_for(exc: AccordingtoError) -> int:
    """The HTTP status of a library error."""
    if isinstance(exc, InputTooLargeError):
        return 413
    if isinstance(exc, FetchError):
        return 502  # the page at the URL could not be had: the upstream failed, not the request
    if isinstance(exc, InputError):
        return 422
    if isinstance(exc, QuerySyntaxError):
        return 400
    if isinstance(exc, (StoreError, ModelError)):
        return 503
    return 500


def message_for(exc: AccordingtoError) -> str:
    """What the client is told. Store failures other than a bad query or a missing corpus
    name server paths and SQLite details: the client gets the code, the log the rest."""
    if isinstance(exc, StoreError) and not isinstance(exc, (QuerySyntaxError, CorpusNotFoundError)):
        return f"[{exc.code}] the corpus database cannot be used right now; the server log says why"
    if isinstance(exc, ModelError):
        return f"[{exc.code}] the analysis pipeline is not available on this server; the server log says why"
    return str(exc)


def validation_message(errors: Sequence[Any]) -> str:
    """One line from pydantic's validation errors: where and what, never the input value."""
    parts = []
    for error in list(errors)[:3]:
        location = [str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path")]
        where = {"query": "query parameter", "path": "path parameter", "body": "body field"}.get(
            str(error.get("loc", ("",))[0]), "field"
        )
        field = ".".join(location)
        message = str(error.get("msg", "is invalid")).removeprefix("Value error, ")
        parts.append(f"{where} {field!r}: {message}" if field else message)
    more = len(errors) - 3
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")


BODY_EXAMPLE = '{"text": "..."}'
#: pydantic's error types for a body that is there but is not an object.
_NOT_AN_OBJECT = {"model_attributes_type", "dict_type", "model_type"}


def body_message(errors: Sequence[Any], body: Any, content_type: str) -> str | None:
    """The one message for a request body that is not a JSON object at all, or None.

    FastAPI reports a JSON decode error as a "field" named by the character offset where the
    parser stopped, and a body sent as text/plain as a body that is not an object; the client
    needs to hear what to send instead."""
    if len(errors) != 1 or tuple(errors[0].get("loc", ()))[:1] != ("body",):
        return None
    error = errors[0]
    kind, location = error.get("type"), tuple(error.get("loc", ()))
    if kind == "json_invalid":
        where = _line_column(body, location[1] if len(location) > 1 else None)
        reason = (error.get("ctx") or {}).get("error")
        reason = str(reason)[:1].lower() + str(reason)[1:] if reason else None
        detail = ": ".join(part for part in (where, reason) if part)
        shown = f" ({detail})" if detail else ""
        return f"the request body is not valid JSON{shown}: send a JSON object such as {BODY_EXAMPLE}"
    if len(location) != 1:
        return None
    if kind == "missing":
        return f"the request needs a JSON body such as {BODY_EXAMPLE} (Content-Type: application/json)"
    if kind in _NOT_AN_OBJECT:
        if "json" not in content_type.lower():
            return (
                f"send the body as a JSON object such as {BODY_EXAMPLE}, with the header Content-Type: application/json"
            )
        return f"the request body must be a JSON object such as {BODY_EXAMPLE}"
    return None


def _line_column(body: Any, position: Any) -> str | None:
    """``line L, column C`` (from 1) of a character offset in the body, when both are known."""
    if not isinstance(position, int):
        return None
    if isinstance(body, bytes):
        body = body.decode("utf-8", "replace")
    if not isinstance(body, str):
        return f"character {position + 1}"
    before = body[:position]
    line = before.count("\n") + 1
    column = position - (before.rfind("\n") + 1) + 1
    return f"line {line}, column {column}"


def wants_page(request: Request) -> bool:
    """A browser asking for a page (not the API, not the OpenAPI document) gets an HTML error."""
    path = request.url.path
    if path.startswith("/api/") or path == "/api" or path.endswith(".json") or path.startswith("/static/"):
        return False
    return "text/html" in request.headers.get("accept", "")


def install_error_handlers(app: FastAPI, render_page: PageRenderer | None = None) -> None:
    """Route every exception to the one error shape (or its HTML page)."""

    def respond(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
        if render_page is not None and wants_page(request):
            response = render_page(request, status, message)
            if headers:
                response.headers.update(headers)
            return response
        return error_response(status, message, headers)

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if isinstance(exc, ApiError):
            message = exc.message
        elif exc.status_code == 404:
            message = f"no such page or API route: {request.url.path}"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        else:
            message = _REASONS.get(exc.status_code, "error")
        return respond(request, exc.status_code, message, dict(exc.headers) if exc.headers else None)

    async def on_validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = exc.errors()
        message = body_message(errors, exc.body, request.headers.get("content-type", ""))
        return respond(request, 422, message or validation_message(errors))

    async def on_library_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, AccordingtoError)
        status = status_for(exc)
        if status >= 500:
            log.warning("%s %s: %s", request.method, request.url.path, exc)
        return respond(request, status, message_for(exc))

    async def on_unexpected(request: Request, exc: Exception) -> Response:
        reference = secrets.token_hex(4)
        log.error("internal error %s on %s %s", reference, request.method, request.url.path, exc_info=exc)
        return respond(request, 500, f"internal error (reference {reference}); the server log has the details")

    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(AccordingtoError, on_library_error)
    app.add_exception_handler(Exception, on_unexpected)


def html_error_fallback(status: int, message: str) -> HTMLResponse:
    """A bare HTML error page, for when the templates themselves fail."""
    from html import escape

    body = (
        f"<!doctype html><title>{status}</title><h1>{status} {_REASONS.get(status, 'error')}</h1><p>{escape(message)}"
    )
    return HTMLResponse(body, status_code=status)
