"""Review edits in the corpus: checking a reviewer's request, refusing lost updates, and
storing the edit in one transaction.

:func:`record_edit` is the one write: inside ``BEGIN IMMEDIATE`` (so two writers, in one
process or several, take turns) it reads the article's machine analysis and edits, builds
the reviewed map (:func:`accordingto.store.review_map.build_map`), checks the request
against it, refuses it when another reviewer changed the same fields since the revision the
request was based on (:class:`ReviewConflict`, with the current values), appends the edit
and rewrites the article's review summary, then commits. With the corpus's
``synchronous=FULL``, an edit whose call returned is on disk.

The machine's rows (articles, sources, attributions...) are only ever read here.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from accordingto.models import Span
from accordingto.store import reader
from accordingto.store.connection import write_transaction
from accordingto.store.review_map import (
    ACTIONS,
    ATTRIBUTION_ACTIONS,
    SOURCE_ACTIONS,
    SPAN_ROLES,
    InvalidEdit,
    ReviewEdit,
    ReviewedMap,
    TargetNotFound,
    analysis_key,
    attribution_anchor,
    build_map,
    check_content,
    check_field,
    check_new_source,
    check_span,
    check_type,
    overlapping,
    parse_key,
    source_anchor,
    span_dict,
)
from accordingto.store.rows import content_hash

SELECT_EDITS = """
SELECT pk, article_id, revision, base_revision, reviewer, created_at, action, target, payload, fields,
       analysis_version, content_hash, reverts
  FROM review_edits WHERE article_id = ? ORDER BY revision
"""
INSERT_EDIT = """
INSERT INTO review_edits (pk, article_id, revision, base_revision, reviewer, created_at, action, target, payload,
                          fields, analysis_version, content_hash, reverts)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
NEXT_EDIT_ID = "SELECT coalesce(max(pk), 0) + 1 FROM review_edits"
UPSERT_SUMMARY = """
INSERT INTO review_articles (article_id, revision, status, active_edits, reviewers, first_edit_at, last_edit_at)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (article_id) DO UPDATE SET
    revision = excluded.revision, status = excluded.status, active_edits = excluded.active_edits,
    reviewers = excluded.reviewers, last_edit_at = excluded.last_edit_at
"""
MAX_REVIEWER = 100


class ReviewError(Exception):
    """A review request that cannot be carried out; ``status`` is its HTTP status."""

    status = 422


class ReviewNotFound(ReviewError):
    status = 404


class ReviewInvalid(ReviewError):
    status = 422


class ReviewConflict(ReviewError):
    """Another reviewer changed what this edit changes since the revision it was based on (or
    the article was analysed again): the edit is refused, and the client told what is there now."""

    status = 409

    def __init__(
        self, message: str, *, revision: int, analysis_key: str, conflicts: list[dict[str, Any]] | None = None
    ) -> None:
        super().__init__(message)
        self.revision = revision
        self.analysis_key = analysis_key
        self.conflicts = conflicts or []

    def details(self) -> dict[str, Any]:
        return {"revision": self.revision, "analysis_key": self.analysis_key, "conflicts": self.conflicts}


@dataclass(frozen=True, slots=True)
class EditRequest:
    """What a reviewer asks for. ``target`` is an attribution or source id of the reviewed map
    (None for add, set_status and undo); ``params`` the action's own fields (docs/review.md)."""

    article_id: str
    reviewer: str
    action: str
    base_revision: int
    analysis_key: str
    target: str | None = None
    params: dict[str, Any] = field(default_factory=dict)


def check_reviewer(name: str | None) -> str:
    """A reviewer's name, with its whitespace folded; ReviewInvalid when empty or odd."""
    text = " ".join((name or "").split())
    if not text:
        raise ReviewInvalid("a reviewer name is needed (the X-Reviewer header or the reviewer field), not an empty one")
    if len(text) > MAX_REVIEWER or any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise ReviewInvalid(f"a reviewer name is at most {MAX_REVIEWER} printable characters")
    return text


# ------------------------------------------------------------------ reading
def _edit(row: tuple[Any, ...]) -> ReviewEdit:
    pk, article_id, revision, base, reviewer, created_at, action, target, payload, fields, version, chash, reverts = row
    return ReviewEdit(
        id=int(pk),
        article_id=article_id,
        revision=int(revision),
        base_revision=int(base),
        reviewer=reviewer,
        created_at=created_at,
        action=action,
        target=target,
        payload=dict(json.loads(payload)),
        fields=tuple(json.loads(fields)),
        analysis_version=version,
        content_hash=chash,
        reverts=None if reverts is None else int(reverts),
    )


def load_edits(conn: sqlite3.Connection, article_id: str) -> list[ReviewEdit]:
    """An article's edits, oldest first."""
    return [_edit(r) for r in conn.execute(SELECT_EDITS, (article_id,)).fetchall()]


def load_map(conn: sqlite3.Connection, article_id: str) -> ReviewedMap | None:
    """The reviewed map of a stored article (its machine analysis when it has no edit)."""
    machine = reader.load_analysis(conn, article_id)
    return None if machine is None else build_map(machine, load_edits(conn, article_id))


# ------------------------------------------------------------------ writing
def record_edit(
    conn: sqlite3.Connection, path: str | Path, request: EditRequest, *, now: datetime | None = None
) -> tuple[ReviewEdit, ReviewedMap]:
    """Check and store one edit in one transaction; the edit and the reviewed map with it.

    ReviewNotFound (no such article, attribution or source), ReviewInvalid (a bad value or
    span, an edit that does not apply) or ReviewConflict (a lost update refused); nothing
    is written then."""
    reviewer = check_reviewer(request.reviewer)
    stamp = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="microseconds")
    with write_transaction(conn, path):
        machine = reader.load_analysis(conn, request.article_id)
        if machine is None:
            raise ReviewNotFound(f"no article {request.article_id[:200]!r} in the corpus")
        edits = load_edits(conn, request.article_id)
        current = build_map(machine, edits)
        _check_base(current, request)
        edit_id = int(conn.execute(NEXT_EDIT_ID).fetchone()[0])
        try:
            edit = prepare_edit(current, request, reviewer=reviewer, edit_id=edit_id, created_at=stamp)
        except (TargetNotFound, InvalidEdit) as exc:
            # a target another reviewer removed since the base (rejected, merged...) is a lost update
            _check_target_conflict(current, edits, request, reviewer, str(exc))
            raise (ReviewNotFound if isinstance(exc, TargetNotFound) else ReviewInvalid)(str(exc)) from None
        after = build_map(machine, [*edits, edit])
        edit = _with_fields(edit, current, after)
        _check_conflicts(current, edits, edit)
        conn.execute(
            INSERT_EDIT,
            (
                edit.id,
                edit.article_id,
                edit.revision,
                edit.base_revision,
                edit.reviewer,
                edit.created_at,
                edit.action,
                edit.target,
                json.dumps(edit.payload, ensure_ascii=False, sort_keys=True),
                json.dumps(list(edit.fields)),
                edit.analysis_version,
                edit.content_hash,
                edit.reverts,
            ),
        )
        after.edits[-1] = edit
        _write_summary(conn, after)
    return edit, after


def _check_base(current: ReviewedMap, request: EditRequest) -> None:
    key = analysis_key(current.machine)
    if request.analysis_key != key:
        raise ReviewConflict(
            f"the article was analysed again since this map was loaded (analysis {request.analysis_key[:80]!r}, "
            f"now {key!r}): load the reviewed map again; edits made before are carried over or listed as stale",
            revision=current.revision,
            analysis_key=key,
        )
    if not 0 <= request.base_revision <= current.revision:
        raise ReviewInvalid(
            f"base_revision {request.base_revision} is not a revision of this article (0 to {current.revision})"
        )


def _with_fields(edit: ReviewEdit, current: ReviewedMap, after: ReviewedMap) -> ReviewEdit:
    """The edit with the fields it changes; ReviewInvalid when it does not apply, and
    ReviewConflict when an undo would leave later edits without what they changed."""
    if edit.action == "undo":
        assert edit.reverts is not None
        broken = [s for s in after.stale if s.edit.id in current.applied]
        if broken:
            raise ReviewConflict(
                f"edit {broken[0].edit.id} (by {broken[0].edit.reviewer}) builds on edit {edit.reverts}: undo it first",
                revision=current.revision,
                analysis_key=analysis_key(current.machine),
                conflicts=[_conflict(s.edit, list(s.edit.fields), current) for s in broken],
            )
        reverted = next(e for e in current.edits if e.id == edit.reverts)
        fields = current.applied.get(reverted.id, reverted.fields)
        return _replace_fields(edit, tuple(fields))
    problem = next((s for s in after.stale if s.edit.id == edit.id), None)
    if problem is not None:
        raise ReviewInvalid(f"the edit does not apply: {problem.reason}")
    return _replace_fields(edit, after.applied[edit.id])


def _replace_fields(edit: ReviewEdit, fields: tuple[str, ...]) -> ReviewEdit:
    return replace(edit, fields=fields)


def _check_conflicts(current: ReviewedMap, edits: Sequence[ReviewEdit], edit: ReviewEdit) -> None:
    """ReviewConflict when another reviewer's edit after ``edit.base_revision`` changed a field
    this edit changes (the same reviewer's own later edits are no conflict)."""
    found = []
    for other in edits:
        if other.revision <= edit.base_revision or other.reviewer == edit.reviewer:
            continue
        shared = overlapping(other.fields, edit.fields)
        if shared:
            found.append(_conflict(other, shared, current))
    if found:
        first = found[0]
        raise ReviewConflict(
            f"{first['reviewer']} changed {', '.join(first['fields'][:3])} at revision {first['revision']}, after "
            f"revision {edit.base_revision} this edit was based on; nothing was changed: look at the current values "
            "and send the edit again with the current revision if it still stands",
            revision=current.revision,
            analysis_key=analysis_key(current.machine),
            conflicts=found,
        )


def _check_target_conflict(
    current: ReviewedMap, edits: Sequence[ReviewEdit], request: EditRequest, reviewer: str, reason: str
) -> None:
    """ReviewConflict when the request's target could not be used because another reviewer
    changed it after the request's base revision."""
    if request.target is None or request.action not in (*ATTRIBUTION_ACTIONS, *SOURCE_ACTIONS):
        return
    kind = "attribution" if request.action in ATTRIBUTION_ACTIONS else "source"
    probe = ReviewEdit(0, request.article_id, 0, request.base_revision, reviewer, "", request.action, "", {})
    probe = replace(probe, fields=(f"{kind}:{request.target}:*",))
    try:
        _check_conflicts(current, edits, probe)
    except ReviewConflict as exc:
        raise ReviewConflict(
            f"{exc} ({reason})",
            revision=exc.revision,
            analysis_key=exc.analysis_key,
            conflicts=exc.conflicts,
        ) from None


def _conflict(other: ReviewEdit, fields: list[str], current: ReviewedMap) -> dict[str, Any]:
    return {
        "edit": other.id,
        "revision": other.revision,
        "reviewer": other.reviewer,
        "created_at": other.created_at,
        "action": other.action,
        "fields": list(fields),
        "current": {f: current_value(current, f) for f in fields},
    }


def current_value(current: ReviewedMap, key: str) -> Any:
    """What a field holds in the reviewed map now (JSON-ready); a whole record for ``*``."""
    kind, ident, name = parse_key(key)
    if kind == "article":
        return current.status
    if kind == "attribution":
        attribution = next((a for a in current.analysis.attributions if a.id == ident), None)
        if attribution is None:
            mark = current.attributions.get(ident)
            return {"status": mark.status if mark else "absent"}
        data = attribution.to_dict()
        if name == "*":
            return {**data, "status": current.attributions[ident].status}
        return data.get(name)
    source = next((s for s in current.analysis.sources if s.id == ident), None)
    if source is None:
        mark = current.sources.get(ident)
        return {"status": mark.status if mark else "absent"}
    data = source.to_dict()
    return {**data, "status": current.sources[ident].status} if name == "*" else data.get(name)


def _write_summary(conn: sqlite3.Connection, reviewed: ReviewedMap) -> None:
    active = reviewed.active_edits
    reviewers = list(dict.fromkeys(e.reviewer for e in active))
    edits = reviewed.edits
    conn.execute(
        UPSERT_SUMMARY,
        (
            reviewed.machine.article.id,
            reviewed.revision,
            reviewed.status,
            len(active),
            json.dumps(reviewers, ensure_ascii=False),
            edits[0].created_at,
            edits[-1].created_at,
        ),
    )


# ------------------------------------------------------------------ checking a request
def prepare_edit(
    current: ReviewedMap, request: EditRequest, *, reviewer: str, edit_id: int, created_at: str
) -> ReviewEdit:
    """The edit a request makes, checked against the reviewed map as it stands: InvalidEdit or
    TargetNotFound when it cannot be made."""
    action = request.action
    if action not in ACTIONS:
        raise InvalidEdit(f"unknown action {action!r}; choose one of {', '.join(ACTIONS)}")
    params = dict(request.params)
    reverts: int | None = None
    target = request.target or ""
    if action == "add":
        target, payload = "new", _add_payload(current, params)
    elif action in ATTRIBUTION_ACTIONS:
        payload = _attribution_payload(current, action, target, params)
    elif action in SOURCE_ACTIONS:
        payload = _source_payload(current, action, target, params)
    elif action == "set_status":
        status = params.get("status")
        if status not in ("reviewed", "in_progress"):
            raise InvalidEdit("status must be reviewed or in_progress")
        if status == current.status:
            raise InvalidEdit(f"the article is {status} already")
        target, payload = "article", {"status": status}
    else:
        reverts = _undo_target(current, params.get("edit"), reviewer)
        target, payload = "article", {}
    machine = current.machine
    return ReviewEdit(
        id=edit_id,
        article_id=machine.article.id,
        revision=current.revision + 1,
        base_revision=request.base_revision,
        reviewer=reviewer,
        created_at=created_at,
        action=action,
        target=target,
        payload=payload,
        analysis_version=machine.analysis_version,
        content_hash=content_hash(machine.article),
        reverts=reverts,
    )


def _attribution(current: ReviewedMap, ident: str) -> tuple[Any, dict[str, Any] | None]:
    """The map's attribution ``ident`` and the anchor of its machine record (None when a
    reviewer added it)."""
    found = next((a for a in current.analysis.attributions if a.id == ident), None)
    if found is None:
        mark = current.attributions.get(ident)
        if mark is not None and mark.status == "rejected":
            raise InvalidEdit(f"attribution {ident} was rejected (edit {mark.edits[-1]}); undo that first")
        raise TargetNotFound(f"the reviewed map of this article has no attribution {ident[:40]!r}")
    machine = next((a for a in current.machine.attributions if a.id == current.attributions[ident].machine_id), None)
    return found, None if machine is None else attribution_anchor(machine)


def _source(current: ReviewedMap, ident: str, what: str = "source") -> dict[str, Any] | None:
    """The anchor of the map's source ``ident`` (None when a reviewer added it)."""
    if not any(s.id == ident for s in current.analysis.sources):
        mark = current.sources.get(ident)
        if mark is not None and mark.status in ("merged", "not_a_source"):
            how = f"merged into {mark.merged_into}" if mark.merged_into else "marked not a source"
            raise InvalidEdit(f"{what} {ident} was {how} (edit {mark.edits[-1]}); undo that first")
        raise TargetNotFound(f"the reviewed map of this article has no source {ident[:40]!r}")
    machine = next((s for s in current.machine.sources if s.id == current.sources[ident].machine_id), None)
    return None if machine is None else source_anchor(machine)


def _optional_span(text: str, value: Any, what: str) -> Span | None:
    if value is None or value == []:
        return None
    if isinstance(value, list):
        if len(value) != 1:
            raise InvalidEdit(f"{what} is one span (or null)")
        value = value[0]
    if not isinstance(value, dict):
        raise InvalidEdit(f"{what} must be a span {{start, end}} or null")
    return check_span(text, value, what)


def _source_choice(current: ReviewedMap, params: dict[str, Any], payload: dict[str, Any]) -> None:
    """``source`` (an id of the map, or null for none) or ``new_source`` (its fields), into the payload."""
    new = params.get("new_source")
    if new is not None:
        if params.get("source") is not None:
            raise InvalidEdit("give source or new_source, not both")
        if not isinstance(new, dict):
            raise InvalidEdit('new_source must be an object such as {"name": "Ines Calloway", "kind": "person"}')
        payload["new_source"] = check_new_source(new)
        return
    ident = params.get("source")
    if ident is None:
        payload["source"] = None
        return
    payload["source"] = str(ident)
    payload["source_anchor"] = _source(current, str(ident))


def _attribution_payload(current: ReviewedMap, action: str, target: str, params: dict[str, Any]) -> dict[str, Any]:
    attribution, anchor = _attribution(current, target)
    payload: dict[str, Any] = {"anchor": anchor}
    text = current.machine.article.text
    if action == "reject":
        reason = params.get("reason")
        payload["reason"] = None if reason is None else " ".join(str(reason).split())[:500]
    elif action == "set_type":
        payload["type"] = check_type(params.get("type"))
        payload["before"] = attribution.type
        if payload["type"] == attribution.type:
            raise InvalidEdit(f"attribution {target} is {attribution.type} already")
    elif action == "set_span":
        payload.update(_span_change(text, attribution, params))
    elif action == "reassign":
        if "source" not in params and "new_source" not in params:
            raise InvalidEdit("reassign needs source (an id of this article's sources, or null) or new_source")
        _source_choice(current, params, payload)
        if "source_mention" in params:
            mention = _optional_span(text, params["source_mention"], "source_mention")
            payload["source_mention"] = None if mention is None else span_dict(mention)
        payload["before"] = {"source": attribution.source}
        same = payload.get("new_source") is None and payload.get("source") == attribution.source
        if same and "source_mention" not in payload:
            raise InvalidEdit(f"attribution {target} has that source already")
    elif params:
        raise InvalidEdit(f"{action} takes no fields but the target and revision ({', '.join(sorted(params))})")
    return payload


def _span_change(text: str, attribution: Any, params: dict[str, Any]) -> dict[str, Any]:
    role = params.get("role")
    if role not in SPAN_ROLES:
        raise InvalidEdit(f"role must be one of {', '.join(SPAN_ROLES)}")
    spans = params.get("spans")
    if role == "content":
        new = check_content(text, spans)
        before = attribution.content
    else:
        one = _optional_span(text, spans, role)
        new = [] if one is None else [one]
        before = [s for s in [getattr(attribution, role)] if s is not None]
        if role == "source_mention" and one is not None and attribution.source is None:
            raise InvalidEdit(f"attribution {attribution.id} has no source: reassign it to one first")
    if [(s.start, s.end) for s in new] == [(s.start, s.end) for s in before]:
        raise InvalidEdit(f"the {role} of attribution {attribution.id} is that already")
    return {"role": role, "spans": [span_dict(s) for s in new], "before": [span_dict(s) for s in before]}


def _add_payload(current: ReviewedMap, params: dict[str, Any]) -> dict[str, Any]:
    text = current.machine.article.text
    payload: dict[str, Any] = {
        "type": check_type(params.get("type")),
        "content": [span_dict(s) for s in check_content(text, params.get("content"))],
    }
    cue = _optional_span(text, params.get("cue"), "cue")
    payload["cue"] = None if cue is None else span_dict(cue)
    _source_choice(current, params, payload)
    mention = _optional_span(text, params.get("source_mention"), "source_mention")
    if mention is not None and payload.get("source") is None and payload.get("new_source") is None:
        raise InvalidEdit("a source_mention needs a source or new_source")
    payload["source_mention"] = None if mention is None else span_dict(mention)
    return payload


def _source_payload(current: ReviewedMap, action: str, target: str, params: dict[str, Any]) -> dict[str, Any]:
    anchor = _source(current, target)
    source = next(s for s in current.analysis.sources if s.id == target)
    payload: dict[str, Any] = {"anchor": anchor}
    text = current.machine.article.text
    if action == "rename":
        name = " ".join(str(params.get("name") or "").split())
        if not name or len(name) > 300:
            raise InvalidEdit("name must be 1 to 300 characters")
        if name == source.name:
            raise InvalidEdit(f"source {target} is named {name!r} already")
        payload.update(name=name, before=source.name)
    elif action == "merge":
        into = str(params.get("into") or "")
        if into == target:
            raise InvalidEdit("a source cannot be merged into itself")
        payload.update(into=into, into_anchor=_source(current, into, "into"))
    elif action == "split":
        mentions = params.get("mentions")
        if not isinstance(mentions, list) or not mentions:
            raise InvalidEdit("split needs mentions: the spans of the mentions that are another source")
        moved = [check_span(text, m, "mentions") for m in mentions]
        present = {(m.start, m.end) for m in source.mentions}
        for m in moved:
            if (m.start, m.end) not in present:
                raise InvalidEdit(f"{m.text!r} ({m.start}-{m.end}) is not a mention of source {target}")
        if {(m.start, m.end) for m in moved} >= present:
            raise InvalidEdit("every mention would move: rename the source instead")
        extra = {k: v for k, v in dict(params.get("new_source") or {}).items() if v is not None}
        extra.setdefault("name", moved[0].text)
        payload.update(mentions=[span_dict(m) for m in moved], new_source=check_new_source(extra))
    elif action == "set_field":
        name = str(params.get("field") or "")
        value = check_field(name, params.get("value"))
        before = getattr(source, "role" if name == "title" else name)
        if value == before:
            raise InvalidEdit(f"the {name} of source {target} is {before!r} already")
        payload.update(field=name, value=value, before=before)
    elif params:
        raise InvalidEdit(f"{action} takes no fields but the target and revision ({', '.join(sorted(params))})")
    return payload


def _undo_target(current: ReviewedMap, given: Any, reviewer: str) -> int:
    """The edit an undo reverts: the one given (in effect), or the reviewer's last in effect."""
    active = current.active_edits
    undone = set(current.undone)
    if given is None:
        own = [e for e in active if e.reviewer == reviewer]
        if not own:
            raise InvalidEdit(f"{reviewer} has no edit in effect on this article to undo")
        return own[-1].id
    if isinstance(given, bool) or not isinstance(given, int):
        raise InvalidEdit("edit must be the id of an edit of this article")
    found = next((e for e in current.edits if e.id == given), None)
    if found is None:
        raise TargetNotFound(f"this article has no edit {given}")
    if given in undone:
        raise InvalidEdit(f"edit {given} is undone already (undo the undo that reverted it to redo it)")
    return given
