"""The review pages of ``accordingto serve --review`` (docs/review.md).

* ``/review``: the sign-in form (signed out), else the articles by review status with the
  progress counts (JSON twin ``/api/review/articles``);
* ``POST /review/sign-in``, ``POST /review/sign-out``: the session the API defines, from a
  form (``POST`` and ``DELETE /api/review/session`` for scripts);
* ``/review/articles/{id}``: an article under review: the reviewed map with what was
  corrected, the controls, the history, the stale edits (``/api/review/articles/{id}``).

These pages read what the REST API reads (:mod:`accordingto.query.review`) and never write an
edit: every correction is a ``POST /api/review/...`` that ``static/review.js`` sends with the
session's CSRF token; it then fetches the article's workspace again
(``/review/articles/{id}?part=workspace``, the same template) to show the map as the server now
has it. Without JavaScript the reviewed map still shows, read-only, and the controls stay hidden.

Signing in is a form (the token and a name in the body: never in a URL, never written back
into a page) that makes the session :func:`accordingto.serve.review_api.start_session` makes
for the API. Without ``--review`` every review page is a 404 that says how to enable it, and
no other page shows anything of review.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Annotated, Any, Literal, cast

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from accordingto.models import ATTRIBUTION_TYPES, SHOW_THRESHOLD, SOURCE_KINDS, Attribution, Source, Span
from accordingto.query import review as review_queries
from accordingto.serve.errors import ApiError
from accordingto.serve.params import LimitParam, OffsetParam
from accordingto.serve.review_api import (
    REVIEW_DISABLED,
    ReviewService,
    clear_session_cookies,
    read,
    set_session_cookies,
    start_session,
)
from accordingto.serve.review_auth import SESSION_COOKIE
from accordingto.serve.service import Service
from accordingto.serve.templating import KIND_LABELS, TYPE_LABELS, Pages, api_twin, path_part
from accordingto.serve.views import PALETTE_SIZE, SourceStyle, source_styles, text_html
from accordingto.store.review_map import Mark, ReviewedMap, analysis_key

router = APIRouter(include_in_schema=False)
NO_STORE = {"Cache-Control": "no-store"}
ReviewStatus = Literal["unreviewed", "in_progress", "reviewed"]
ArticlePath = Annotated[str, Path(max_length=300)]

STATUS_LABELS = {
    # attributions
    "machine": "not checked",
    "confirmed": "confirmed",
    "corrected": "corrected",
    "added": "added",
    "rejected": "rejected",
    # sources
    "merged": "merged",
    "not_a_source": "not a source",
    # articles
    "unreviewed": "not started",
    "in_progress": "in progress",
    "reviewed": "reviewed",
}
#: the badge's sign, so that a status never rests on its colour alone
STATUS_ICONS = {
    "machine": "○",
    "confirmed": "✓",
    "corrected": "✎",
    "added": "+",
    "rejected": "✗",
    "merged": "⇢",
    "not_a_source": "✗",
    "unreviewed": "○",
    "in_progress": "◐",
    "reviewed": "✓",
}
CHANGE_LABELS = {
    "confirmed": "confirmed",
    "rejected": "rejected",
    "retyped": "type",
    "content_span": "content",
    "cue_span": "cue",
    "source_mention_span": "source mention",
    "reassigned": "source",
    "added": "added",
    "unattributed": "its source is not a source",
    "source_merged": "source merged",
    "source_split": "source split",
    "renamed": "name",
    "merged": "merged",
    "merged_in": "another source merged in",
    "split": "mentions split off",
    "split_off": "split off",
    "kind": "kind",
    "named": "named",
    "count": "how many",
    "role": "role",
    "affiliation": "affiliation",
    "gender": "gender",
    "role_class": "role class",
    "not_a_source": "not a source",
}
ROLE_WORDS = {"content": "the content", "cue": "the cue", "source_mention": "the source mention"}
FIELD_WORDS = {**CHANGE_LABELS, "title": "title", "role_class": "role class", "count": "count"}
#: the keys of the review page (static/review.js), shown on the page and in docs/review.md
KEYS: tuple[tuple[str, str], ...] = (
    ("j / k", "next / previous attribution"),
    ("J / K", "next / previous source"),
    ("c", "confirm the attribution"),
    ("x", "reject it (not an attribution); on a source: not a source"),
    ("t", "change its type (then 1–4)"),
    ("s", "set its content, cue or source mention to the selected words (then 1–6)"),
    ("r", "reassign it to another source, a new one, or none"),
    ("a", "add a missing attribution: the selected words are its content"),
    ("n", "on a source: rename it"),
    ("m", "on a source: merge it into another"),
    ("p", "on a source: split mentions off into a new source"),
    ("f", "on a source: kind, named, role, affiliation, gender, role class, how many"),
    ("u", "undo your last edit"),
    ("R", "mark the article reviewed (or in progress again)"),
    ("?", "show or hide these keys"),
    ("Esc", "close a dialog"),
)


def _review(request: Request) -> ReviewService:
    """The review side of the app; 404 (saying how to enable it) when review is off."""
    found = request.app.state.review
    if found is None:
        raise ApiError(404, REVIEW_DISABLED)
    rv = cast(ReviewService, found)
    rv.guard.refuse_token_in_url(request)
    return rv


def service(request: Request) -> Service:
    return cast(Service, request.app.state.service)


def pages(request: Request) -> Pages:
    return cast(Pages, request.app.state.pages)


ReviewDep = Annotated[ReviewService, Depends(_review)]
ServiceDep = Annotated[Service, Depends(service)]
PagesDep = Annotated[Pages, Depends(pages)]


def signed_in(request: Request, rv: ReviewService) -> str | None:
    """The reviewer of the request's valid session cookie, or None."""
    cookie = request.cookies.get(SESSION_COOKIE)
    return None if cookie is None else rv.guard.read_session(cookie)


def next_path(value: Any) -> str:
    """Where to go after signing in: a review page of this server, or /review."""
    text = str(value or "")
    same_site = text.startswith("/review") and not text.startswith("//") and "\\" not in text
    return text if same_site and len(text) <= 1000 and text.isprintable() else "/review"


def _page(response: HTMLResponse) -> HTMLResponse:
    response.headers.update(NO_STORE)
    return response


def _sign_in(
    request: Request,
    ui: Pages,
    rv: ReviewService,
    *,
    goto: str,
    reviewer: str = "",
    error: str = "",
    status: int = 200,
) -> HTMLResponse:
    """The sign-in form. The token is never written back into it."""
    expired = not error and request.cookies.get(SESSION_COOKIE) is not None
    return _page(
        ui.render(
            request,
            "review_sign_in.html",
            status=status,
            nav="review",
            goto=goto,
            reviewer=reviewer,
            error=error,
            expired=expired,
            hours=rv.access.session_hours,
        )
    )


# ---------------------------------------------------------------- sign in and out
@router.post("/review/sign-in")
async def sign_in(request: Request, rv: ReviewDep, ui: PagesDep) -> Response:
    """The sign-in form: the token and a name -> the session cookies, and back to the page asked for."""
    form = await request.form(max_fields=10, max_part_size=10_000)
    token, reviewer = str(form.get("token") or ""), str(form.get("reviewer") or "")
    goto = next_path(form.get("next"))
    if not token.strip():
        return _sign_in(request, ui, rv, goto=goto, reviewer=reviewer, error="Give the review token.", status=422)
    try:
        _, value, csrf, _ = start_session(request, rv, token, reviewer)
    except ApiError as exc:
        message = exc.message[:1].upper() + exc.message[1:] + "."
        return _sign_in(request, ui, rv, goto=goto, reviewer=reviewer[:100], error=message, status=exc.status_code)
    response = RedirectResponse(goto, status_code=303)
    set_session_cookies(response, request, rv, value, csrf)
    return response


@router.post("/review/sign-out")
async def sign_out(request: Request, rv: ReviewDep) -> Response:
    rv.guard.check_same_origin(request, required=False)
    response = RedirectResponse("/review", status_code=303)
    clear_session_cookies(response)
    return response


# ---------------------------------------------------------------- the articles by status
@router.get("/review", response_class=HTMLResponse)
async def review_list(
    request: Request,
    rv: ReviewDep,
    svc: ServiceDep,
    ui: PagesDep,
    status: Annotated[ReviewStatus | None, Query()] = None,
    limit: LimitParam = 50,
    offset: OffsetParam = 0,
) -> HTMLResponse:
    reviewer = signed_in(request, rv)
    if reviewer is None:
        return _sign_in(request, ui, rv, goto="/review")

    def run(corpus: Any) -> tuple[Any, dict[str, int]]:
        connection = corpus.connection
        page = review_queries.list_by_status(connection, status=status, limit=limit, offset=offset, with_total=True)
        return page, review_queries.status_counts(connection)

    page, counts = await read(svc, run)
    return _page(
        ui.render(
            request,
            "review.html",
            nav="review",
            json_url=api_twin(request, "/api/review/articles"),
            page=page,
            counts=counts,
            chosen_status=status,
            reviewer=reviewer,
            labels=STATUS_LABELS,
            icons=STATUS_ICONS,
        )
    )


# ---------------------------------------------------------------- an article under review
@router.get("/review/articles/{article_id:path}", response_class=HTMLResponse)
async def review_article(
    request: Request,
    rv: ReviewDep,
    svc: ServiceDep,
    ui: PagesDep,
    article_id: ArticlePath,
    part: Annotated[Literal["workspace"] | None, Query()] = None,
) -> HTMLResponse:
    """The article's reviewed map with its controls; ``?part=workspace`` is that part of the
    page alone (what static/review.js fetches again after each edit)."""
    reviewer = signed_in(request, rv)
    if reviewer is None:
        if part is not None:
            raise ApiError(401, "the review session has ended or is not valid: sign in again")
        return _sign_in(request, ui, rv, goto=f"/review/articles/{path_part(article_id)}")
    reviewed = await read(svc, lambda c: review_queries.reviewed_map(c.connection, article_id))
    if reviewed is None:
        raise ApiError(404, f"no article {article_id[:200]!r} in the corpus")
    view = workspace(reviewed, reviewer)
    template = "_review.html" if part is not None else "review_article.html"
    return _page(
        ui.render(
            request,
            template,
            nav="review",
            json_url=f"/api/review/articles/{path_part(article_id)}",
            reviewer=reviewer,
            **view,
        )
    )


# ---------------------------------------------------------------- what the page shows
class _Marked:
    """What a row of the map says of its review: the last edit that touched it, in words."""

    __slots__ = ()
    mark: Mark

    @property
    def last_edit(self) -> int | None:
        return self.mark.edits[-1] if self.mark.edits else None

    @property
    def summary(self) -> str:
        return mark_summary(self.mark)


@dataclass(frozen=True, slots=True)
class AttributionRow(_Marked):
    """One attribution of the reviewed map (or one a reviewer rejected), beside the machine's."""

    attribution: Attribution
    mark: Mark
    machine: Attribution | None  # None: a reviewer added it
    source: Source | None
    machine_source: Source | None
    rejected: bool

    @property
    def id(self) -> str:
        return self.attribution.id

    @property
    def low_confidence(self) -> bool:
        return self.machine is not None and self.attribution.confidence < SHOW_THRESHOLD

    @property
    def type_was(self) -> str | None:
        return self.machine.type if self.machine and self.machine.type != self.attribution.type else None

    @property
    def content_was(self) -> str | None:
        machine = self.machine
        return machine.content_text if machine and _spans(machine.content) != _spans(self.attribution.content) else None

    @property
    def cue_was(self) -> str | None:
        """The machine's cue when a reviewer changed it ("" for none)."""
        return self._span_was(lambda a: a.cue)

    @property
    def mention_was(self) -> str | None:
        """The machine's source mention when a reviewer changed it ("" for none)."""
        return self._span_was(lambda a: a.source_mention)

    def _span_was(self, span_of: Callable[[Attribution], Span | None]) -> str | None:
        machine = self.machine
        if machine is None or _spans([span_of(machine)]) == _spans([span_of(self.attribution)]):
            return None
        was = span_of(machine)
        return was.text if was else ""

    @property
    def source_was(self) -> str | None:
        """The machine's source (its name then) when the attribution now has another ("" for none)."""
        machine = self.machine
        if machine is None or machine.source == self.attribution.source:
            return None
        return self.machine_source.name if self.machine_source else ""


@dataclass(frozen=True, slots=True)
class SourceRow(_Marked):
    source: Source
    mark: Mark
    machine: Source | None
    removed: bool
    attributions: int
    merged_into: Source | None

    @property
    def id(self) -> str:
        return self.source.id

    @property
    def name_was(self) -> str | None:
        return self.machine.name if self.machine and self.machine.name != self.source.name else None

    @property
    def fields_was(self) -> list[tuple[str, str]]:
        """The machine's values of the fields a reviewer changed (kind, named, role...)."""
        machine = self.machine
        if machine is None:
            return []
        found = []
        for name in ("kind", "named", "count", "role", "affiliation", "gender", "role_class"):
            before, now = getattr(machine, name), getattr(self.source, name)
            if before != now:
                found.append((FIELD_WORDS.get(name, name), _value(before)))
        return found


def mark_summary(mark: Mark) -> str:
    """How reviewers changed a record, in words ("corrected: type, content · by Ana Ruiz")."""
    words = list(
        dict.fromkeys(
            CHANGE_LABELS.get(c, c)
            for c in mark.changes
            if c not in ("confirmed", "added", "rejected", "merged", "not_a_source")
        )
    )
    parts = []
    if words:
        parts.append("corrected: " + ", ".join(words))
    if "confirmed" in mark.changes:
        parts.append("confirmed")
    text = "; ".join(parts)
    if mark.reviewers:
        text += (" · " if text else "") + "by " + ", ".join(mark.reviewers)
    return text


def _spans(spans: list[Span | None] | list[Span]) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in spans if s is not None]


def attribution_rows(reviewed: ReviewedMap) -> list[AttributionRow]:
    """The map's attributions and the rejected ones, in the order of the text."""
    sources = {s.id: s for s in [*reviewed.analysis.sources, *reviewed.removed_sources]}
    machine = {a.id: a for a in reviewed.machine.attributions}
    machine_sources = {s.id: s for s in reviewed.machine.sources}
    rows = []
    for attribution, rejected in [
        *((a, False) for a in reviewed.analysis.attributions),
        *((a, True) for a in reviewed.rejected),
    ]:
        mark = reviewed.attributions[attribution.id]
        original = machine.get(mark.machine_id) if mark.machine_id else None
        rows.append(
            AttributionRow(
                attribution=attribution,
                mark=mark,
                machine=original,
                source=sources.get(attribution.source) if attribution.source else None,
                machine_source=machine_sources.get(original.source) if original and original.source else None,
                rejected=rejected,
            )
        )
    return sorted(rows, key=lambda r: (r.attribution.start, r.attribution.end, r.id))


def source_rows(reviewed: ReviewedMap) -> list[SourceRow]:
    """The map's sources in the order of their first mention, then those a reviewer took out."""
    kept = {s.id: s for s in reviewed.analysis.sources}
    machine = {s.id: s for s in reviewed.machine.sources}
    counts: dict[str, int] = {}
    for attribution in reviewed.analysis.attributions:
        if attribution.source:
            counts[attribution.source] = counts.get(attribution.source, 0) + 1
    rows = []
    for source, removed in [
        *((s, False) for s in reviewed.analysis.sources),
        *((s, True) for s in reviewed.removed_sources),
    ]:
        mark = reviewed.sources[source.id]
        rows.append(
            SourceRow(
                source=source,
                mark=mark,
                machine=machine.get(mark.machine_id) if mark.machine_id else None,
                removed=removed,
                attributions=counts.get(source.id, 0),
                merged_into=kept.get(mark.merged_into) if mark.merged_into else None,
            )
        )

    def first(row: SourceRow) -> tuple[bool, int, str]:
        return row.removed, min((m.start for m in row.source.mentions), default=1 << 30), row.id

    return sorted(rows, key=first)


def _quoted(text: Any, limit: int = 80) -> str:
    value = " ".join(str(text or "").split())
    return f"“{value[:limit]}{'…' if len(value) > limit else ''}”"


def _spans_text(spans: list[dict[str, Any]]) -> str:
    return " … ".join(str(s.get("text", "")) for s in spans)


def describe(edit: dict[str, Any], names: dict[str, str]) -> str:
    """One edit of the history in words ("changed the type of A3 from reported speech to direct quote")."""
    action, target, payload = edit["action"], str(edit["target"]), dict(edit.get("payload") or {})

    def source(ident: Any) -> str:
        name = names.get(str(ident))
        return f"{ident} ({name})" if name else str(ident)

    def new_source() -> str:
        data = payload.get("new_source") or {}
        return f"a new source {_quoted(data.get('name'))}"

    if action == "confirm":
        return f"confirmed {target}"
    if action == "reject":
        reason = payload.get("reason")
        return f"rejected {target}: not an attribution" + (f" ({reason})" if reason else "")
    if action == "set_type":
        before, after = _type_words(payload.get("before")), _type_words(payload.get("type"))
        return f"changed the type of {target} from {before} to {after}"
    if action == "set_span":
        role = ROLE_WORDS.get(payload.get("role", ""), "a span")
        spans = list(payload.get("spans") or [])
        if not spans:
            return f"removed {role} of {target}"
        return f"set {role} of {target} to {_quoted(_spans_text(spans))}"
    if action == "reassign":
        if payload.get("new_source") is not None:
            return f"reassigned {target} to {new_source()}"
        if payload.get("source") is None:
            return f"took the source off {target}"
        return f"reassigned {target} to {source(payload['source'])}"
    if action == "add":
        who = ""
        if payload.get("new_source") is not None:
            who = f", from {new_source()}"
        elif payload.get("source") is not None:
            who = f", from {source(payload['source'])}"
        type_label = _type_words(payload.get("type"))
        return f"added RA{edit['id']} ({type_label}) {_quoted(_spans_text(list(payload.get('content') or [])))}{who}"
    if action == "rename":
        return f"renamed {target} from {_quoted(payload.get('before'))} to {_quoted(payload.get('name'))}"
    if action == "merge":
        return f"merged {source(target)} into {source(payload.get('into'))}"
    if action == "split":
        mentions = ", ".join(_quoted(m.get("text"), 40) for m in payload.get("mentions") or [])
        return f"split {mentions} off {source(target)} as RS{edit['id']}"
    if action == "set_field":
        name = FIELD_WORDS.get(payload.get("field", ""), payload.get("field"))
        value, before = _value(payload.get("value")), _value(payload.get("before"))
        return f"set the {name} of {source(target)} to {value} (was {before})"
    if action == "not_a_source":
        return f"marked {source(target)} as not a source"
    if action == "set_status":
        return (
            "marked the article reviewed" if payload.get("status") == "reviewed" else "set the article back in progress"
        )
    if action == "undo":
        return f"undid edit #{edit.get('reverts')}"
    return f"{action} {target}"


def _type_words(value: Any) -> str:
    return TYPE_LABELS.get(str(value), str(value))


def _value(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).replace("_or_", " or ").replace("_", " ")


def history_rows(reviewed: ReviewedMap, names: dict[str, str]) -> list[dict[str, Any]]:
    """The history, newest first, each edit in words, what undid it, and whether it can be undone
    (an edit in effect) or redone (an undo in effect: undoing it redoes)."""
    entries = reviewed.history()
    undone_by: dict[int, int] = {}
    for entry in entries:
        if entry["action"] == "undo" and entry["state"] == "undo" and entry["reverts"] is not None:
            undone_by[int(entry["reverts"])] = int(entry["id"])
    redo_of = {int(e["id"]): e for e in entries}
    rows = []
    for entry in reversed(entries):
        text = describe(entry, names)
        if entry["action"] == "undo":
            reverted = redo_of.get(int(entry["reverts"] or 0))
            if reverted is not None and reverted["action"] == "undo":
                text = f"redid edit #{reverted['reverts']} (undid the undo #{reverted['id']})"
        rows.append(
            {
                **entry,
                "description": text,
                "undone_by": undone_by.get(int(entry["id"])),
                "can_undo": entry["state"] in ("applied", "stale"),
                "can_redo": entry["state"] == "undo",
            }
        )
    return rows


def _span_data(span: Span | None) -> dict[str, Any] | None:
    return None if span is None else span.to_dict()


def client_data(reviewed: ReviewedMap) -> dict[str, Any]:
    """What static/review.js needs to send edits: the map's revision and analysis key (sent
    back as ``base_revision`` and ``analysis_key``), the sources to choose from, and each
    attribution's spans."""
    analysis = reviewed.analysis
    return {
        "article_id": analysis.article.id,
        "revision": reviewed.revision,
        "analysis_key": analysis_key(reviewed.machine),
        "status": reviewed.status,
        #: Python's count of characters (code points): selections are counted the same way
        "text_length": len(analysis.article.text),
        "sources": [
            {
                "id": s.id,
                "name": s.name,
                "kind": s.kind,
                "named": s.named,
                "count": s.count,
                "role": s.role,
                "affiliation": s.affiliation,
                "gender": s.gender,
                "role_class": s.role_class,
                "mentions": [m.to_dict() for m in s.mentions],
            }
            for s in analysis.sources
        ],
        "attributions": {
            a.id: {
                "type": a.type,
                "source": a.source,
                "content": [s.to_dict() for s in a.content],
                "cue": _span_data(a.cue),
                "source_mention": _span_data(a.source_mention),
                "status": reviewed.attributions[a.id].status,
            }
            for a in analysis.attributions
        },
    }


def review_styles(reviewed: ReviewedMap) -> dict[str, SourceStyle]:
    """A tint per source that stays put while the article is reviewed: the machine map's tints,
    then the next ones for the sources reviewers add (a source's hatching follows its named flag)."""
    styles = source_styles(reviewed.machine)
    number = len(styles)
    for source in reviewed.analysis.sources:
        style = styles.get(source.id)
        if style is None:
            styles[source.id] = SourceStyle(number % PALETTE_SIZE, not source.named, source.id)
            number += 1
        elif style.anonymous == source.named:
            styles[source.id] = replace(style, anonymous=not source.named)
    return styles


def workspace(reviewed: ReviewedMap, reviewer: str) -> dict[str, Any]:
    """The context of the workspace template (_review.html)."""
    analysis = reviewed.analysis
    styles = review_styles(reviewed)
    names = {s.id: s.name for s in [*reviewed.machine.sources, *reviewed.removed_sources, *analysis.sources]}
    own = [e for e in reviewed.active_edits if e.reviewer == reviewer]
    return {
        "reviewed": reviewed,
        "a": analysis,
        "styles": styles,
        "text_html": text_html(analysis, styles),
        "rows": attribution_rows(reviewed),
        "source_rows": source_rows(reviewed),
        "history": history_rows(reviewed, names),
        "stale": [
            {**s.edit.to_dict(), "description": describe(s.edit.to_dict(), names), "reason": s.reason}
            for s in reviewed.stale
        ],
        "progress": reviewed.progress(),
        "data": client_data(reviewed),
        "own_edits": len(own),
        "labels": STATUS_LABELS,
        "icons": STATUS_ICONS,
        "changes": CHANGE_LABELS,
        "keys": KEYS,
        "types": ATTRIBUTION_TYPES,
        "kinds": SOURCE_KINDS,
        "kind_labels": KIND_LABELS,
        "threshold": SHOW_THRESHOLD,
    }
