"""``/api/review``: review and correct sourcing maps over REST (``accordingto serve --review``).

Every route needs the review token (``Authorization: Bearer``) or a session made with it;
every write names its reviewer and passes the same-origin and CSRF checks of
:mod:`accordingto.serve.review_auth`. A write is one edit, stored in its own transaction
before the answer is sent (:func:`accordingto.store.review.record_edit`), and carries the
``base_revision`` and ``analysis_key`` of the reviewed map it was made on: an edit to a
field another reviewer changed since is refused with 409 and the current values.

:data:`router` is included by the app only when review is enabled; otherwise
:data:`disabled_router` answers every ``/api/review`` path with a 403 that says how to
enable it. Errors have the API's one shape (``{"ok": false, "error", "status"}``); a 409
adds ``revision``, ``analysis_key`` and ``conflicts``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar, cast

from fastapi import APIRouter, Depends, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from accordingto.query import Corpus
from accordingto.query import review as review_queries
from accordingto.serve.api import ErrorBody
from accordingto.serve.errors import ApiError, error_body
from accordingto.serve.params import (
    AttributionTypeParam,
    DateQuery,
    LimitParam,
    OffsetParam,
    OutletQuery,
    TotalParam,
    date_param,
    given,
)
from accordingto.serve.review_auth import CSRF_COOKIE, SESSION_COOKIE, Guard, ReviewAccess
from accordingto.serve.service import Service
from accordingto.serve.templating import path_part
from accordingto.serve.workers import Writer
from accordingto.store.review import EditRequest, ReviewConflict, ReviewError, check_reviewer, record_edit
from accordingto.store.review_map import ReviewEdit, ReviewedMap

log = logging.getLogger("accordingto.serve")
T = TypeVar("T")
NO_STORE = {"Cache-Control": "no-store"}


class ReviewService:
    """The review side of one app: the guard, and a writer thread with its own read-write
    corpus connection (reads go through the app's read-only query pool)."""

    def __init__(self, db_path: Path, access: ReviewAccess, *, timeout: float) -> None:
        self.guard = Guard(access)
        self.access = access
        self.writer = Writer(db_path, timeout=timeout)

    def __repr__(self) -> str:
        return "ReviewService(<review token>)"

    async def record(self, request: EditRequest) -> tuple[ReviewEdit, ReviewedMap]:
        return await self.writer.run(lambda corpus: record_edit(corpus.connection, corpus.path, request))

    def close(self) -> None:
        self.writer.close()


# ------------------------------------------------------------------ bodies
class SpanIn(BaseModel):
    """A span of the article text: character offsets (end exclusive), and optionally the text
    expected there (refused when it is not)."""

    model_config = ConfigDict(extra="forbid")
    start: int = Field(ge=0)
    end: int = Field(ge=1)
    text: str | None = Field(None, max_length=100_000, description="The text at start-end, checked when given.")


class NewSource(BaseModel):
    """A source a reviewer creates. Values as in schema accordingto/1 (kind: person, group,
    organization, outlet, document, unspecified; gender: female, male, nonbinary, unknown;
    role_class: one of the role classes of docs/schema.md). ``title`` is kept in ``role``."""

    model_config = ConfigDict(extra="forbid")
    name: str | None = Field(None, max_length=300, description="Required, except for a split (the first mention).")
    kind: str | None = Field(None, max_length=40)
    named: bool | None = None
    count: int | None = Field(None, ge=0)
    role: str | None = Field(None, max_length=300)
    title: str | None = Field(None, max_length=300)
    affiliation: str | None = Field(None, max_length=300)
    gender: str | None = Field(None, max_length=40)
    role_class: str | None = Field(None, max_length=40)


class EditBody(BaseModel):
    """What every edit carries: the article, the map it was made on, and (unless a session or
    the X-Reviewer header names them) the reviewer."""

    model_config = ConfigDict(extra="forbid")
    article_id: str = Field(min_length=1, max_length=300)
    base_revision: int = Field(ge=0, description="The `revision` of the reviewed map the edit was made on.")
    analysis_key: str = Field(
        min_length=1, max_length=400, description="The `analysis_key` of that map (which analysis its ids refer to)."
    )
    reviewer: str | None = Field(None, max_length=100, description="Who edits (or the X-Reviewer header).")

    def params(self) -> dict[str, Any]:
        return self.model_dump(exclude={"article_id", "base_revision", "analysis_key", "reviewer"}, exclude_unset=True)


class AttributionEdit(EditBody):
    attribution: str = Field(min_length=1, max_length=40, description="An attribution id of the reviewed map.")

    def params(self) -> dict[str, Any]:
        params = super().params()
        params.pop("attribution", None)
        return params


class RejectBody(AttributionEdit):
    reason: str | None = Field(None, max_length=500, description="Why it is not an attribution (optional).")


class TypeBody(AttributionEdit):
    type: AttributionTypeParam


class SpanBody(AttributionEdit):
    role: Literal["content", "cue", "source_mention"]
    spans: list[SpanIn] = Field(
        max_length=20, description="content: one span or more; cue, source_mention: one span, or [] for none."
    )


class ReassignBody(AttributionEdit):
    source: str | None = Field(None, max_length=40, description="A source id of the map, or null for no source.")
    new_source: NewSource | None = Field(None, description="Or a new source.")
    source_mention: SpanIn | None = Field(None, description="The source's mention for it (default: kept).")


class AddBody(EditBody):
    type: AttributionTypeParam
    content: list[SpanIn] = Field(min_length=1, max_length=20)
    cue: SpanIn | None = None
    source: str | None = Field(None, max_length=40, description="A source id of the map (or new_source, or none).")
    new_source: NewSource | None = None
    source_mention: SpanIn | None = None

    def params(self) -> dict[str, Any]:
        return self.model_dump(exclude={"article_id", "base_revision", "analysis_key", "reviewer"}, exclude_none=False)


class SourceEdit(EditBody):
    source: str = Field(min_length=1, max_length=40, description="A source id of the reviewed map.")

    def params(self) -> dict[str, Any]:
        params = super().params()
        params.pop("source", None)
        return params


class RenameBody(SourceEdit):
    name: str = Field(min_length=1, max_length=300)


class MergeBody(SourceEdit):
    into: str = Field(min_length=1, max_length=40, description="The source that stays.")


class SplitBody(SourceEdit):
    mentions: list[SpanIn] = Field(min_length=1, max_length=200, description="The mentions that are another source.")
    new_source: NewSource | None = Field(None, description="The other source's fields (name: its first mention).")


class FieldBody(SourceEdit):
    field: Literal["kind", "named", "count", "role", "title", "affiliation", "gender", "role_class"]
    value: str | int | bool | None = Field(description="The new value (null clears role, affiliation, count).")


class StatusBody(EditBody):
    status: Literal["reviewed", "in_progress"]


class UndoBody(EditBody):
    edit: int | None = Field(None, ge=1, description="The edit to revert (an undo edit: redo); default your last.")


class SessionBody(BaseModel):
    """Log in a browser: the review token (in the body, never in a URL) and the reviewer's name."""

    model_config = ConfigDict(extra="forbid")
    token: str = Field(min_length=1, max_length=1000)
    reviewer: str = Field(min_length=1, max_length=100)


# ------------------------------------------------------------------ dependencies and answers
def review(request: Request) -> ReviewService:
    return cast(ReviewService, request.app.state.review)


def service(request: Request) -> Service:
    return cast(Service, request.app.state.service)


ReviewDep = Annotated[ReviewService, Depends(review)]
ServiceDep = Annotated[Service, Depends(service)]
ArticlePath = Annotated[str, PathParam(max_length=300)]


def answer(payload: dict[str, Any], status: int = 200, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(payload, status_code=status, headers={**NO_STORE, **(headers or {})})


def refused(exc: ReviewError) -> JSONResponse:
    """A review error in the API's shape; a conflict with what the client needs to try again."""
    body = error_body(exc.status, str(exc))
    if isinstance(exc, ReviewConflict):
        body.update(exc.details())
    return answer(body, exc.status)


async def read(svc: Service, func: Callable[[Corpus], T]) -> T:
    return await svc.queries.run(_checked(func))


def _checked(func: Callable[[Corpus], T]) -> Callable[[Corpus], T]:
    def call(corpus: Corpus) -> T:
        try:
            return func(corpus)
        except ValueError as exc:
            raise ApiError(400, str(exc)) from None

    return call


async def _map(svc: Service, article_id: str) -> ReviewedMap:
    found = await read(svc, lambda c: review_queries.reviewed_map(c.connection, article_id))
    if found is None:
        raise ApiError(404, f"no article {article_id[:200]!r} in the corpus")
    return found


def map_payload(reviewed: ReviewedMap) -> dict[str, Any]:
    return {"article_id": reviewed.machine.article.id, **reviewed.to_dict()}


async def _write(request: Request, rv: ReviewService, body: EditBody, action: str, target: str | None) -> JSONResponse:
    reviewer = rv.guard.writer(request, body.reviewer)
    edit_request = EditRequest(
        article_id=body.article_id,
        reviewer=reviewer,
        action=action,
        base_revision=body.base_revision,
        analysis_key=body.analysis_key,
        target=target,
        params=body.params(),
    )
    try:
        edit, reviewed = await rv.record(edit_request)
    except ReviewError as exc:
        return refused(exc)
    log.info("review edit %d (%s %s) on %r by %r", edit.id, action, edit.target, edit.article_id, edit.reviewer)
    location = f"/api/review/history/{path_part(edit.article_id)}"
    return answer({"ok": True, "edit": edit.to_dict(), "review": map_payload(reviewed)}, 201, {"Location": location})


REVIEW_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in {
        400: "The review token was put in the URL, or an argument is out of range.",
        401: "No review token, a wrong one, or an expired session (WWW-Authenticate: Bearer).",
        403: "Cross-site, a session write without its CSRF token, or review not enabled on this server.",
        404: "No such article, attribution, source or edit.",
        409: "Another reviewer changed the same field since base_revision, or the article was analysed again: "
        "nothing was changed; the answer adds `revision`, `analysis_key` and `conflicts` (with the current values).",
        422: "A body field is invalid: a span outside the text or not the text given, an unknown type or value, "
        "no reviewer name, an edit that does not apply.",
    }.items()
}
WRITE: dict[str, Any] = {"status_code": 201, "responses": REVIEW_ERRORS}
router = APIRouter(prefix="/api/review", tags=["review"])


# ------------------------------------------------------------------ session
def start_session(request: Request, rv: ReviewService, token: str, reviewer: str) -> tuple[str, str, str, int]:
    """Check a log-in (the token in the body, never in the URL; same origin; the token; the
    reviewer's name): the reviewer, the session cookie's value, its CSRF token and when it
    expires. ApiError when refused. The API's ``POST /api/review/session`` and the review
    page's sign-in form (:mod:`accordingto.serve.review_pages`) both log in through here."""
    rv.guard.refuse_token_in_url(request)
    rv.guard.check_same_origin(request, required=False)
    rv.guard.check_login(token)
    try:
        name = check_reviewer(reviewer)
    except ReviewError as exc:
        raise ApiError(exc.status, str(exc)) from None
    value, csrf, expires = rv.guard.new_session(name)
    return name, value, csrf, expires


def set_session_cookies(response: Response, request: Request, rv: ReviewService, value: str, csrf: str) -> None:
    """The HttpOnly, SameSite=Strict session cookie and the readable CSRF cookie (Secure over https)."""
    secure = request.url.scheme == "https"
    max_age = int(rv.access.session_hours * 3600)
    response.set_cookie(SESSION_COOKIE, value, max_age=max_age, httponly=True, samesite="strict", secure=secure)
    response.set_cookie(CSRF_COOKIE, csrf, max_age=max_age, httponly=False, samesite="strict", secure=secure)


def clear_session_cookies(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, samesite="strict")
    response.delete_cookie(CSRF_COOKIE, samesite="strict")


@router.post("/session", summary="Log in a browser for review (sets the session and CSRF cookies)")
async def login(request: Request, body: SessionBody, rv: ReviewDep) -> JSONResponse:
    """For the review page: the token and a reviewer name give an HttpOnly, SameSite=Strict
    session cookie and a CSRF token (in the answer and the `accordingto_review_csrf` cookie) to
    send as `X-CSRF-Token` with every write. API clients use `Authorization: Bearer` instead."""
    reviewer, value, csrf, expires = start_session(request, rv, body.token, body.reviewer)
    response = answer({"ok": True, "reviewer": reviewer, "csrf_token": csrf, "expires_at": expires})
    set_session_cookies(response, request, rv, value, csrf)
    return response


@router.delete("/session", summary="Log out: clear the session cookies")
async def logout(request: Request, rv: ReviewDep) -> JSONResponse:
    rv.guard.check_same_origin(request, required=False)
    response = answer({"ok": True})
    clear_session_cookies(response)
    return response


# ------------------------------------------------------------------ reading
@router.get("/articles", summary="Articles by review status, with progress counts", responses=REVIEW_ERRORS)
async def articles(
    request: Request,
    rv: ReviewDep,
    svc: ServiceDep,
    status: Annotated[
        Literal["unreviewed", "in_progress", "reviewed"] | None, Query(description="Only articles in this status.")
    ] = None,
    limit: LimitParam = 50,
    offset: OffsetParam = 0,
    total: TotalParam = False,
) -> JSONResponse:
    """The latest edited first, then the unreviewed in the order stored. `progress` counts the
    corpus's articles by status; each item's `progress` its attributions (checked: confirmed,
    corrected or added; unchecked; rejected; stale edits)."""
    rv.guard.authenticate(request)

    def run(corpus: Corpus) -> dict[str, Any]:
        page = review_queries.list_by_status(
            corpus.connection, status=status, limit=limit, offset=offset, with_total=total
        )
        return {**page.to_dict(), "progress": review_queries.status_counts(corpus.connection)}

    return answer(await read(svc, run))


@router.get("/articles/{article_id:path}", summary="An article's reviewed map", responses=REVIEW_ERRORS)
async def reviewed_article(request: Request, rv: ReviewDep, svc: ServiceDep, article_id: ArticlePath) -> JSONResponse:
    """`analysis` is the reviewed record (schema accordingto/1); `marks` says for each
    attribution and source whether it was corrected and how; `rejected` and `removed_sources`
    what the review took out; `stale` the edits that no longer apply. Send `revision` (as
    `base_revision`) and `analysis_key` back with an edit."""
    rv.guard.authenticate(request)
    return answer(map_payload(await _map(svc, article_id)))


@router.get("/history/{article_id:path}", summary="An article's edits, oldest first", responses=REVIEW_ERRORS)
async def edit_history(request: Request, rv: ReviewDep, svc: ServiceDep, article_id: ArticlePath) -> JSONResponse:
    """Each edit (who, when, what, on which analysis) with its `state`: applied, stale (with
    `reason`), undone, or undo."""
    rv.guard.authenticate(request)
    reviewed = await _map(svc, article_id)
    entries = review_queries.history(reviewed)
    return answer({"article_id": article_id, "revision": reviewed.revision, "items": entries})


@router.get("/stale/{article_id:path}", summary="An article's edits that no longer apply", responses=REVIEW_ERRORS)
async def stale(request: Request, rv: ReviewDep, svc: ServiceDep, article_id: ArticlePath) -> JSONResponse:
    rv.guard.authenticate(request)
    reviewed = await _map(svc, article_id)
    return answer({"article_id": article_id, "items": [s.to_dict() for s in reviewed.stale]})


@router.get("/stats", summary="Sourcing figures on machine data, reviewed data, or both", responses=REVIEW_ERRORS)
async def stats(
    request: Request,
    rv: ReviewDep,
    svc: ServiceDep,
    data: Annotated[
        Literal["machine", "reviewed", "both"],
        Query(
            description="machine: every article as analysed; reviewed: the articles under review, as reviewed; "
            "both: every article, reviewed where it is."
        ),
    ] = "both",
    by: Annotated[Literal["outlet-month", "outlet", "month", "all"], Query()] = "outlet",
    outlet: OutletQuery = None,
    since: DateQuery = None,
    until: DateQuery = None,
) -> JSONResponse:
    """Each row says its `data` and how many of its articles were reviewed."""
    rv.guard.authenticate(request)
    outlets, first, last = given("outlet", outlet), date_param("since", since), date_param("until", until)
    rows = await read(
        svc,
        lambda c: review_queries.review_stats(c.connection, data=data, by=by, outlets=outlets, since=first, until=last),
    )
    return answer({"data": data, "by": by, "items": [r.to_dict() for r in rows]})


# ------------------------------------------------------------------ attribution edits
@router.post("/attributions/confirm", summary="Confirm an attribution", **WRITE)
async def confirm(request: Request, body: AttributionEdit, rv: ReviewDep) -> JSONResponse:
    return await _write(request, rv, body, "confirm", body.attribution)


@router.post("/attributions/reject", summary="Reject an attribution (not an attribution)", **WRITE)
async def reject(request: Request, body: RejectBody, rv: ReviewDep) -> JSONResponse:
    return await _write(request, rv, body, "reject", body.attribution)


@router.post("/attributions/type", summary="Change an attribution's type", **WRITE)
async def set_type(request: Request, body: TypeBody, rv: ReviewDep) -> JSONResponse:
    return await _write(request, rv, body, "set_type", body.attribution)


@router.post("/attributions/span", summary="Correct an attribution's content, cue or source mention span", **WRITE)
async def set_span(request: Request, body: SpanBody, rv: ReviewDep) -> JSONResponse:
    """Offsets are checked against the article text, and the text at them is recorded."""
    return await _write(request, rv, body, "set_span", body.attribution)


@router.post("/attributions/reassign", summary="Reassign an attribution to another source or a new one", **WRITE)
async def reassign(request: Request, body: ReassignBody, rv: ReviewDep) -> JSONResponse:
    if not {"source", "new_source"} & body.model_fields_set:
        raise ApiError(422, "reassign needs source (a source id, or null for none) or new_source")
    return await _write(request, rv, body, "reassign", body.attribution)


@router.post("/attributions/add", summary="Add a missing attribution", **WRITE)
async def add(request: Request, body: AddBody, rv: ReviewDep) -> JSONResponse:
    """Its id is `RA<edit id>`; a new source's `RS<edit id>`."""
    return await _write(request, rv, body, "add", None)


# ------------------------------------------------------------------ source edits
@router.post("/sources/rename", summary="Rename a source", **WRITE)
async def rename(request: Request, body: RenameBody, rv: ReviewDep) -> JSONResponse:
    return await _write(request, rv, body, "rename", body.source)


@router.post("/sources/merge", summary="Merge a source into another", **WRITE)
async def merge(request: Request, body: MergeBody, rv: ReviewDep) -> JSONResponse:
    """Its mentions and attributions go to `into`; it is listed in `removed_sources`."""
    return await _write(request, rv, body, "merge", body.source)


@router.post("/sources/split", summary="Split mentions of a source off into a new source", **WRITE)
async def split(request: Request, body: SplitBody, rv: ReviewDep) -> JSONResponse:
    """The attributions whose source mention moves go with it."""
    return await _write(request, rv, body, "split", body.source)


@router.post("/sources/field", summary="Set a source's kind, named, count, role, title, affiliation...", **WRITE)
async def set_field(request: Request, body: FieldBody, rv: ReviewDep) -> JSONResponse:
    return await _write(request, rv, body, "set_field", body.source)


@router.post("/sources/not-a-source", summary="Mark a source as not a source", **WRITE)
async def not_a_source(request: Request, body: SourceEdit, rv: ReviewDep) -> JSONResponse:
    """Its attributions keep their content and cue and lose their source."""
    return await _write(request, rv, body, "not_a_source", body.source)


# ------------------------------------------------------------------ article edits
@router.post("/articles/status", summary="Mark an article reviewed (or in progress again)", **WRITE)
async def set_status(request: Request, body: StatusBody, rv: ReviewDep) -> JSONResponse:
    return await _write(request, rv, body, "set_status", None)


@router.post("/undo", summary="Undo an edit (default: your last in effect)", **WRITE)
async def undo(request: Request, body: UndoBody, rv: ReviewDep) -> JSONResponse:
    """An undo is an edit too: undoing an undo redoes."""
    return await _write(request, rv, body, "undo", None)


# ------------------------------------------------------------------ review disabled
disabled_router = APIRouter(include_in_schema=False)
REVIEW_DISABLED = (
    "review is not enabled on this server: start it with accordingto serve --review "
    "(and a review token in ACCORDINGTO_REVIEW_TOKEN or --review-token)"
)
ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


@disabled_router.api_route("/api/review", methods=ALL_METHODS)
@disabled_router.api_route("/api/review/{rest:path}", methods=ALL_METHODS)
async def review_disabled() -> JSONResponse:
    raise ApiError(403, REVIEW_DISABLED)
