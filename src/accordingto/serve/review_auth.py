"""Who may review, and how a write proves it: the security of ``accordingto serve --review``.

* **The review token.** The operator sets one secret (``--review-token`` or, better, the
  ``ACCORDINGTO_REVIEW_TOKEN`` environment variable: a command line is visible to every user of
  the machine). Every ``/api/review`` request needs it, as ``Authorization: Bearer TOKEN``, or
  a session made with it (below). It is compared with :func:`hmac.compare_digest`, never
  accepted in a URL (a request with it in the query string or path is refused, and the access
  log shows ``[review token]`` in its place), never logged, never put in a page or an answer.
* **Reviewer identity.** Every write names its reviewer (``X-Reviewer`` header or a
  ``reviewer`` field; a session's own name). The token vouches for the newsroom, the name
  says who: it is recorded, not verified.
* **Same origin.** A write whose ``Origin`` (or, without one, ``Referer``) names another
  host than the one asked is refused (the server's guard already refuses a foreign Origin on
  every write).
* **CSRF.** A browser gets a session by posting the token and a name to
  ``POST /api/review/session``: an HttpOnly, SameSite=Strict session cookie (signed with a key
  derived from the token, so every server process accepts it, and changing the token ends
  every session) and a CSRF token, in the answer and in a readable cookie. A write that
  carries the session cookie must send that CSRF token in ``X-CSRF-Token`` (double submit,
  and bound to the session by an HMAC), and must carry an Origin or Referer of this host.
  A write that carries the bearer token and no session cookie needs no CSRF token: a web
  page cannot make a browser send an ``Authorization`` header to another site without a CORS
  preflight, and this server grants none, so such a request cannot be forged by a page.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from starlette.requests import Request

from accordingto.serve.errors import ApiError

TOKEN_ENV = "ACCORDINGTO_REVIEW_TOKEN"
MIN_TOKEN_CHARS = 16
SESSION_COOKIE = "accordingto_review"
CSRF_COOKIE = "accordingto_review_csrf"
CSRF_HEADER = "x-csrf-token"
REVIEWER_HEADER = "x-reviewer"
REDACTED = "[review token]"
#: query parameters that look like credentials: refused on review routes whatever their value
TOKEN_PARAMETERS = frozenset({"token", "review_token", "access_token", "auth", "authorization", "api_key", "key"})
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="accordingto review"'}


def check_token(token: str | None) -> str:
    """The review token, checked; ValueError (one line, for the CLI) when it is missing or weak."""
    if token is None or not token.strip():
        raise ValueError(f"--review needs a review token: --review-token TOKEN or the {TOKEN_ENV} environment variable")
    if len(token) < MIN_TOKEN_CHARS or token != token.strip() or not token.isprintable():
        raise ValueError(
            f"the review token must be at least {MIN_TOKEN_CHARS} printable characters with no space at either end "
            "(python -c 'import secrets; print(secrets.token_urlsafe(24))' makes one)"
        )
    return token


@dataclass(frozen=True, slots=True)
class ReviewAccess:
    """Review is on: the operator's token (never shown: not in repr, logs or pages) and how long
    a browser session lasts."""

    token: str = field(repr=False)
    session_hours: float = 12.0

    def __post_init__(self) -> None:
        check_token(self.token)
        if self.session_hours <= 0:
            raise ValueError("session_hours must be positive")


@dataclass(frozen=True, slots=True)
class Identity:
    """Who is asking: the reviewer (None for a bearer read) and how they proved it."""

    reviewer: str | None
    via: str  # "bearer" | "session"


class TokenRedactor(logging.Filter):
    """Replaces the token in log records (uvicorn's access log prints whole request lines). The
    record keeps its shape, its arguments cleaned one by one (uvicorn's access formatter reads
    them), so that a formatter never fails on it."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self._token = token

    def _clean(self, value: Any) -> Any:
        if isinstance(value, str):
            if self._token in value:
                return value.replace(self._token, REDACTED)
            decoded = unquote(value)
            if self._token in decoded:
                return decoded.replace(self._token, REDACTED)
        return value

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = self._clean(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(self._clean(a) for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: self._clean(v) for k, v in record.args.items()}
        if record.name != "uvicorn.access":  # a token put together by the formatting itself
            try:
                message = record.getMessage()
            except Exception:  # a record that cannot be formatted is left to the logging module
                return True
            cleaned = self._clean(message)
            if cleaned != message:
                record.msg, record.args = cleaned, ()
        return True


def install_redaction(token: str) -> TokenRedactor:
    """Keep the token out of the server's logs: a filter on uvicorn's and accordingto's loggers
    and on the root handlers."""
    redactor = TokenRedactor(token)
    for name in ("uvicorn", "uvicorn.access", "uvicorn.error", "accordingto", "accordingto.serve"):
        logging.getLogger(name).addFilter(redactor)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redactor)
    return redactor


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _host_of(value: str) -> str:
    return urlsplit(value).netloc.lower()


def _decoded_header(value: str | None) -> str | None:
    """A header as the client meant it: HTTP headers are bytes, read as Latin-1; a name sent as
    UTF-8 is read back as UTF-8."""
    if value is None:
        return None
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


class Guard:
    """The checks of every review request (see the module docstring)."""

    def __init__(self, access: ReviewAccess) -> None:
        self.access = access
        self._token = access.token.encode("utf-8")
        self._session_key = hmac.new(self._token, b"accordingto review session v1", hashlib.sha256).digest()
        self._csrf_key = hmac.new(self._token, b"accordingto review csrf v1", hashlib.sha256).digest()

    def __repr__(self) -> str:
        return "Guard(<review token>)"

    # -------------------------------------------------------------- the token
    def token_matches(self, given: str) -> bool:
        return hmac.compare_digest(given.encode("utf-8"), self._token)

    def refuse_token_in_url(self, request: Request) -> None:
        """400 when the URL carries the token or a credential-like parameter: URLs end up in
        logs, histories and Referer headers."""
        token = self.access.token
        path = unquote(request.url.path)
        names = {name.lower() for name in request.query_params}
        values = [v for _, v in request.query_params.multi_items()]
        if names & TOKEN_PARAMETERS or token in path or any(self.token_matches(v) or token in v for v in values):
            raise ApiError(
                400,
                "the review token is never accepted in a URL (it would be logged and kept in histories): "
                "send it as the header Authorization: Bearer <token>",
            )

    def check_login(self, given: str) -> None:
        if not self.token_matches(given):
            raise ApiError(401, "the review token is wrong", headers=CHALLENGE)

    # -------------------------------------------------------------- sessions
    def new_session(self, reviewer: str, now: float | None = None) -> tuple[str, str, int]:
        """A session cookie value for a reviewer, its CSRF token, and when it expires (Unix time)."""
        expires = int((now if now is not None else time.time()) + self.access.session_hours * 3600)
        body = _b64(json.dumps({"r": reviewer, "e": expires}, ensure_ascii=False).encode("utf-8"))
        value = f"{body}.{self._sign(self._session_key, body)}"
        return value, self.csrf_for(value), expires

    def csrf_for(self, session: str) -> str:
        return self._sign(self._csrf_key, session)

    def read_session(self, value: str, now: float | None = None) -> str | None:
        """The reviewer of a valid, unexpired session cookie; None otherwise."""
        body, _, signature = value.partition(".")
        if not body or not hmac.compare_digest(signature.encode(), self._sign(self._session_key, body).encode()):
            return None
        try:
            data: dict[str, Any] = json.loads(_unb64(body))
            reviewer, expires = str(data["r"]), int(data["e"])
        except (ValueError, KeyError, TypeError):
            return None
        if expires < (now if now is not None else time.time()):
            return None
        return reviewer

    @staticmethod
    def _sign(key: bytes, text: str) -> str:
        return hmac.new(key, text.encode("ascii"), hashlib.sha256).hexdigest()

    # -------------------------------------------------------------- requests
    def authenticate(self, request: Request) -> Identity:
        """The identity of a request: the bearer token, or a session cookie; 401 otherwise."""
        self.refuse_token_in_url(request)
        header = request.headers.get("authorization")
        if header is not None:
            scheme, _, value = header.partition(" ")
            if scheme.lower() != "bearer" or not value.strip():
                raise ApiError(401, "send the review token as Authorization: Bearer <token>", headers=CHALLENGE)
            if not self.token_matches(value.strip()):
                raise ApiError(401, "the review token is wrong", headers=CHALLENGE)
            return Identity(None, "bearer")
        cookie = request.cookies.get(SESSION_COOKIE)
        if cookie is None:
            raise ApiError(
                401,
                "review needs the review token: send Authorization: Bearer <token>, "
                "or log in with POST /api/review/session",
                headers=CHALLENGE,
            )
        reviewer = self.read_session(cookie)
        if reviewer is None:
            raise ApiError(401, "the review session has expired or is not valid: log in again", headers=CHALLENGE)
        return Identity(reviewer, "session")

    def check_same_origin(self, request: Request, *, required: bool) -> None:
        """403 when Origin (or Referer) names another host; when ``required``, also when neither is sent."""
        host = (request.headers.get("host") or "").lower()
        origin = request.headers.get("origin")
        referer = request.headers.get("referer")
        if origin is not None:
            if _host_of(origin) != host:
                raise ApiError(403, "cross-site requests may not change anything on this server")
        elif referer is not None:
            if _host_of(referer) != host:
                raise ApiError(403, "cross-site requests may not change anything on this server (Referer)")
        elif required:
            raise ApiError(
                403, "a review write from a browser session needs an Origin or Referer header of this server"
            )

    def check_csrf(self, request: Request) -> None:
        """A request with the session cookie must send its CSRF token (header and cookie)."""
        session = request.cookies.get(SESSION_COOKIE)
        if session is None:
            return
        sent = request.headers.get(CSRF_HEADER)
        cookie = request.cookies.get(CSRF_COOKIE)
        expected = self.csrf_for(session)
        if not sent or not cookie or not hmac.compare_digest(sent, cookie) or not hmac.compare_digest(sent, expected):
            raise ApiError(
                403,
                f"a review write from a browser session needs its CSRF token in the {CSRF_HEADER} header "
                "(from POST /api/review/session, or the accordingto_review_csrf cookie)",
            )

    def writer(self, request: Request, body_reviewer: str | None) -> str:
        """The reviewer of a write, after every check: token or session, same origin, CSRF."""
        identity = self.authenticate(request)
        self.check_same_origin(request, required=identity.via == "session")
        self.check_csrf(request)
        header = _decoded_header(request.headers.get(REVIEWER_HEADER))
        named = [" ".join(n.split()) for n in (header, body_reviewer) if n is not None]
        if identity.reviewer is not None:
            if any(n != identity.reviewer for n in named):
                raise ApiError(403, f"this session is {identity.reviewer!r}'s: log in again to review as another")
            return identity.reviewer
        if len(set(named)) > 1:
            raise ApiError(422, "the X-Reviewer header and the reviewer field name different reviewers")
        if not named or not named[0]:
            raise ApiError(422, "a reviewer name is needed: the X-Reviewer header or the reviewer field, not empty")
        return named[0]
