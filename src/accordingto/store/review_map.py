"""The reviewed map: an article's machine analysis with its reviewers' edits applied in order.

Pure functions over :mod:`accordingto.models` records: no SQL, no clock. :func:`build_map`
takes the machine :class:`~accordingto.models.Analysis` and the article's edits (as stored,
oldest first) and returns a :class:`ReviewedMap`: the reviewed Analysis, and for every
attribution and source whether a reviewer corrected it and how (:class:`Mark`).

Edits name their target by id *and* by an anchor: the machine record's text spans when the
edit was made (an attribution's content spans; a source's mentions). When the article has
been analysed again since (new rules, a new model, a changed text), ids may point elsewhere:
each edit is then re-anchored by its spans (the same spans, or the same text shifted by one
offset throughout), and the spans it sets are found again the same way. An edit that no
longer applies cleanly (its attribution is gone, its span's text is no longer there, the
source it names was merged away...) is listed in ``ReviewedMap.stale`` with the reason,
never dropped silently.

Undo is an edit too (``action="undo"``, ``reverts`` = the edit it reverts): an edit is in
effect unless an undo in effect reverts it, so undoing an undo redoes.

The machine's records are never changed: the map works on copies.
"""

from __future__ import annotations

import copy
import itertools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from accordingto.analyze.profile import build_profile
from accordingto.models import (
    ATTRIBUTION_TYPES,
    GENDERS,
    ROLE_CLASSES,
    SOURCE_KINDS,
    Analysis,
    Attribution,
    Claim,
    Source,
    Span,
)

ATTRIBUTION_ACTIONS: tuple[str, ...] = ("confirm", "reject", "set_type", "set_span", "reassign", "add")
SOURCE_ACTIONS: tuple[str, ...] = ("rename", "merge", "split", "set_field", "not_a_source")
ARTICLE_ACTIONS: tuple[str, ...] = ("set_status", "undo")
ACTIONS: tuple[str, ...] = (*ATTRIBUTION_ACTIONS, *SOURCE_ACTIONS, *ARTICLE_ACTIONS)
SPAN_ROLES: tuple[str, ...] = ("content", "cue", "source_mention")
#: the source fields ``set_field`` changes (``name`` is ``rename``); ``title`` is kept in ``role``,
#: as the analysis keeps a title there ("Defense Minister")
SOURCE_FIELDS: tuple[str, ...] = ("kind", "named", "count", "role", "title", "affiliation", "gender", "role_class")
STATUSES: tuple[str, ...] = ("unreviewed", "in_progress", "reviewed")
#: ids of what reviewers add: RA<edit id> for an attribution, RS<edit id> for a source
ADDED_ATTRIBUTION = "RA"
ADDED_SOURCE = "RS"
REVIEW_RULE = "review"
MAX_NAME = 300

Key = tuple[str, str, str]  # (attribution | source | article, id, field or "*")


class StaleEdit(Exception):
    """An edit that does not apply to the map as it stands (the reason is the message)."""


class InvalidEdit(ValueError):
    """A request for an edit that cannot be made (a span out of the text, an unknown type...)."""


class TargetNotFound(LookupError):
    """A request naming an attribution or source the reviewed map does not have."""


# ------------------------------------------------------------------ records
@dataclass(frozen=True, slots=True)
class ReviewEdit:
    """One stored edit. ``payload`` holds what changed, spans with their text, and the anchors
    of the machine records it targets; ``fields`` the fields it changed (for concurrency)."""

    id: int
    article_id: str
    revision: int
    base_revision: int
    reviewer: str
    created_at: str
    action: str
    target: str
    payload: dict[str, Any]
    fields: tuple[str, ...] = ()
    analysis_version: str = ""
    content_hash: str = ""
    reverts: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "revision": self.revision,
            "base_revision": self.base_revision,
            "reviewer": self.reviewer,
            "created_at": self.created_at,
            "action": self.action,
            "target": self.target,
            "payload": self.payload,
            "fields": list(self.fields),
            "analysis_version": self.analysis_version,
            "content_hash": self.content_hash,
            "reverts": self.reverts,
        }


@dataclass(slots=True)
class Mark:
    """Whether and how reviewers corrected one attribution or source.

    ``status`` of an attribution: ``machine`` (no edit), ``confirmed``, ``corrected``,
    ``added`` or ``rejected``; of a source: ``machine``, ``corrected``, ``added``, ``merged``
    (into ``merged_into``) or ``not_a_source``. ``changes`` says how, in order:
    attributions ``confirmed rejected retyped content_span cue_span source_mention_span
    reassigned added unattributed source_merged source_split``; sources ``renamed merged
    merged_in split split_off kind named count role affiliation gender role_class
    not_a_source added``."""

    status: str = "machine"
    changes: list[str] = field(default_factory=list)
    edits: list[int] = field(default_factory=list)
    reviewers: list[str] = field(default_factory=list)
    #: the id of the machine record (None for what reviewers added)
    machine_id: str | None = None
    merged_into: str | None = None
    split_from: str | None = None

    def note(self, change: str, edit: ReviewEdit) -> None:
        self.changes.append(change)
        if edit.id not in self.edits:
            self.edits.append(edit.id)
        if edit.reviewer not in self.reviewers:
            self.reviewers.append(edit.reviewer)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "status": self.status,
            "changes": list(self.changes),
            "edits": list(self.edits),
            "reviewers": list(self.reviewers),
            "machine_id": self.machine_id,
        }
        if self.merged_into is not None:
            out["merged_into"] = self.merged_into
        if self.split_from is not None:
            out["split_from"] = self.split_from
        return out


@dataclass(frozen=True, slots=True)
class Stale:
    """An edit in effect that no longer applies cleanly, and why."""

    edit: ReviewEdit
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"edit": self.edit.to_dict(), "reason": self.reason}


@dataclass(slots=True)
class ReviewedMap:
    """The reviewed analysis of one article and what the review did to it."""

    machine: Analysis
    analysis: Analysis
    attributions: dict[str, Mark]
    sources: dict[str, Mark]
    rejected: list[Attribution]
    removed_sources: list[Source]
    stale: list[Stale]
    #: edits applied, in order, with the fields each changed
    applied: dict[int, tuple[str, ...]]
    #: edits reverted by an undo in effect
    undone: list[int]
    edits: list[ReviewEdit]
    revision: int
    status: str

    @property
    def active_edits(self) -> list[ReviewEdit]:
        """Edits in effect (neither undone nor undo edits), applied or stale."""
        undone = set(self.undone)
        return [e for e in self.edits if e.action != "undo" and e.id not in undone]

    def progress(self) -> dict[str, int]:
        """Counts of the map's attributions by review status (rejected ones included)."""
        counted = Counter(self.attributions[a.id].status for a in self.analysis.attributions)
        return {
            "attributions": len(self.analysis.attributions),
            "checked": counted["confirmed"] + counted["corrected"] + counted["added"],
            "confirmed": counted["confirmed"],
            "corrected": counted["corrected"],
            "added": counted["added"],
            "unchecked": counted["machine"],
            "rejected": len(self.rejected),
            "stale": len(self.stale),
        }

    def history(self) -> list[dict[str, Any]]:
        """Every edit, oldest first, with its ``state``: ``applied``, ``stale`` (with ``reason``),
        ``undone`` (an undo in effect reverts it), or ``undo`` (an undo in effect)."""
        stale = {s.edit.id: s.reason for s in self.stale}
        undone = set(self.undone)
        entries = []
        for edit in self.edits:
            if edit.id in undone:
                state = "undone"
            elif edit.action == "undo":
                state = "undo"
            else:
                state = "stale" if edit.id in stale else "applied"
            entries.append({**edit.to_dict(), "state": state, "reason": stale.get(edit.id)})
        return entries

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "revision": self.revision,
            "analysis_key": analysis_key(self.machine),
            "progress": self.progress(),
            "analysis": self.analysis.to_dict(),
            "marks": {
                "attributions": {k: m.to_dict() for k, m in self.attributions.items()},
                "sources": {k: m.to_dict() for k, m in self.sources.items()},
            },
            "rejected": [a.to_dict() for a in self.rejected],
            "removed_sources": [s.to_dict() for s in self.removed_sources],
            "stale": [s.to_dict() for s in self.stale],
            "undone": list(self.undone),
        }


def analysis_key(analysis: Analysis) -> str:
    """What the ids of a map refer to: the analysis version and the article record. A write
    must name the key of the map it was made on, so that an id of an older analysis is never
    taken for the same id of a newer one."""
    from accordingto.store.rows import content_hash

    return f"{analysis.analysis_version}#{content_hash(analysis.article)[:16]}"


# ------------------------------------------------------------------ keys
def key_text(key: Key) -> str:
    return ":".join(key)


def parse_key(text: str) -> Key:
    kind, ident, name = text.split(":", 2)
    return kind, ident, name


def overlapping(a: Iterable[str], b: Iterable[str]) -> list[str]:
    """The fields of ``a`` that ``b`` also changed (``*`` is every field of a record)."""
    parsed_b = [parse_key(k) for k in b]
    found = []
    for text in a:
        kind, ident, name = parse_key(text)
        for kind_b, ident_b, name_b in parsed_b:
            if kind == kind_b and ident == ident_b and (name == name_b or "*" in (name, name_b)):
                found.append(text)
                break
    return found


# ------------------------------------------------------------------ spans and anchors
def span_dict(span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.text}


def span_of(data: dict[str, Any]) -> Span:
    return Span(int(data["start"]), int(data["end"]), str(data["text"]))


def attribution_anchor(attribution: Attribution) -> dict[str, Any]:
    return {"content": [span_dict(s) for s in attribution.content]}


def source_anchor(source: Source) -> dict[str, Any]:
    return {"mentions": [span_dict(m) for m in source.mentions], "name": source.name, "kind": source.kind}


def _shift_of(old: Sequence[Span], new: Sequence[Span]) -> int | None:
    """The one offset that moves every span of ``old`` onto ``new`` (same texts), or None."""
    if len(old) != len(new) or not old:
        return None
    shifts = {n.start - o.start for o, n in zip(old, new, strict=True)}
    if len(shifts) != 1 or any(o.text != n.text for o, n in zip(old, new, strict=True)):
        return None
    return shifts.pop()


def match_attribution(machine: dict[str, Attribution], target: str, anchor: dict[str, Any]) -> tuple[str, int]:
    """The machine attribution an anchor designates, and the shift of its text; StaleEdit when
    none or several fit."""
    spans = [span_of(s) for s in anchor.get("content", [])]
    same = machine.get(target)
    if same is not None and _shift_of(spans, same.content) == 0:
        return target, 0
    candidates = []
    for ident, attribution in machine.items():
        shift = _shift_of(spans, attribution.content)
        if shift is not None:
            candidates.append((abs(shift), ident, shift))
    candidates.sort()
    if not candidates:
        shown = " ".join(s.text for s in spans)[:80]
        raise StaleEdit(f"no attribution of the current analysis has the content {shown!r}")
    if len(candidates) > 1 and candidates[0][0] == candidates[1][0]:
        raise StaleEdit(f"the content of {target} is now in {len(candidates)} attributions; cannot tell which")
    return candidates[0][1], candidates[0][2]


def match_source(machine: dict[str, Source], target: str, anchor: dict[str, Any]) -> tuple[str, int]:
    """The machine source an anchor designates (the one sharing most of its mentions, at one
    shift of the text), and that shift; StaleEdit when none or several fit."""
    mentions = [span_of(m) for m in anchor.get("mentions", [])]
    if not mentions:
        named = [i for i, s in machine.items() if s.name == anchor.get("name") and s.kind == anchor.get("kind")]
        if target in named:
            return target, 0
        if len(named) == 1:
            return named[0], 0
        raise StaleEdit(f"no single source of the current analysis is named {anchor.get('name')!r}")
    scored = []
    for ident, source in machine.items():
        present = {(m.start, m.end, m.text) for m in source.mentions}
        shifts: Counter[int] = Counter()
        for old in mentions:
            for new in source.mentions:
                shift = new.start - old.start
                if new.text == old.text and (old.start + shift, old.end + shift, old.text) in present:
                    shifts[shift] += 1
        if shifts:
            best = max(shifts.values())
            shift = min((s for s, n in shifts.items() if n == best), key=abs)
            scored.append((best, ident == target and shift == 0, ident, shift))
    if not scored:
        shown = ", ".join(repr(m.text) for m in mentions[:3])
        raise StaleEdit(f"no source of the current analysis is mentioned as {shown}")
    scored.sort(key=lambda s: (-s[0], not s[1], abs(s[3])))
    if len(scored) > 1 and scored[0][0] == scored[1][0] and not scored[0][1]:
        raise StaleEdit(f"the mentions of {target} are now split between sources; cannot tell which")
    return scored[0][2], scored[0][3]


def locate(text: str, span: Span, shift: int = 0) -> Span:
    """The span in ``text``: where it was, else shifted like its record, else the only place
    its text occurs; StaleEdit when its text is not found once."""
    for delta in dict.fromkeys((0, shift)):
        start, end = span.start + delta, span.end + delta
        if 0 <= start < end <= len(text) and text[start:end] == span.text:
            return Span(start, end, span.text)
    found: list[int] = []
    at = text.find(span.text)
    while at != -1 and len(found) < 2:
        found.append(at)
        at = text.find(span.text, at + 1)
    if len(found) == 1:
        return Span(found[0], found[0] + len(span.text), span.text)
    where = "is no longer in the text" if not found else "occurs more than once and moved"
    raise StaleEdit(f"the span {span.text[:60]!r} ({span.start}-{span.end}) {where}")


def check_span(text: str, data: dict[str, Any], what: str) -> Span:
    """A span a reviewer gave (start, end and optionally text), checked against the article
    text; the span with the article's text."""
    try:
        start, end = int(data["start"]), int(data["end"])
    except (KeyError, TypeError, ValueError):
        raise InvalidEdit(f"{what}: a span needs integer start and end") from None
    if not 0 <= start < end <= len(text):
        raise InvalidEdit(f"{what}: {start}-{end} is not a span of the article text (0-{len(text)}, start < end)")
    found = text[start:end]
    given = data.get("text")
    if given is not None and given != found:
        raise InvalidEdit(f"{what}: the text at {start}-{end} is {found[:60]!r}, not {str(given)[:60]!r}")
    if not found.strip():
        raise InvalidEdit(f"{what}: {start}-{end} is only whitespace")
    return Span(start, end, found)


# ------------------------------------------------------------------ the state edits work on
@dataclass(slots=True)
class _State:
    text: str
    machine_attributions: dict[str, Attribution]
    machine_sources: dict[str, Source]
    attributions: dict[str, Attribution]
    sources: dict[str, Source]
    claims: list[Claim]
    attribution_marks: dict[str, Mark]
    source_marks: dict[str, Mark]
    rejected: dict[str, Attribution] = field(default_factory=dict)
    removed: dict[str, Source] = field(default_factory=dict)
    status: str = "in_progress"

    @classmethod
    def of(cls, machine: Analysis) -> _State:
        attributions = {a.id: copy.deepcopy(a) for a in machine.attributions}
        sources = {s.id: copy.deepcopy(s) for s in machine.sources}
        return cls(
            text=machine.article.text,
            machine_attributions={a.id: a for a in machine.attributions},
            machine_sources={s.id: s for s in machine.sources},
            attributions=attributions,
            sources=sources,
            claims=[copy.deepcopy(c) for c in machine.claims],
            attribution_marks={a: Mark(machine_id=a) for a in attributions},
            source_marks={s: Mark(machine_id=s) for s in sources},
        )

    # -------------------------------------------------------------- targets
    def attribution(self, target: str, anchor: dict[str, Any] | None) -> tuple[str, int]:
        """The current id of an edit's attribution, and the shift of its text."""
        if anchor is None:  # added by a reviewer: its id is its own
            ident, shift = target, 0
        else:
            ident, shift = match_attribution(self.machine_attributions, target, anchor)
        if ident in self.rejected:
            raise StaleEdit(f"attribution {ident} was rejected")
        if ident not in self.attributions:
            raise StaleEdit(f"attribution {target} is not in the map")
        return ident, shift

    def source(self, target: str, anchor: dict[str, Any] | None) -> tuple[str, int]:
        if anchor is None:
            ident, shift = target, 0
        else:
            ident, shift = match_source(self.machine_sources, target, anchor)
        if ident in self.removed:
            mark = self.source_marks[ident]
            why = f"merged into {mark.merged_into}" if mark.merged_into else "marked not a source"
            raise StaleEdit(f"source {ident} was {why}")
        if ident not in self.sources:
            raise StaleEdit(f"source {target} is not in the map")
        return ident, shift

    def new_source(self, ident: str, data: dict[str, Any], edit: ReviewEdit, mentions: list[Span]) -> Source:
        source = Source(
            id=ident,
            name=str(data["name"]),
            kind=str(data.get("kind") or "unspecified"),
            named=bool(data.get("named", False)),
            count=data.get("count"),
            role=data.get("role"),
            affiliation=data.get("affiliation"),
            mentions=sorted(mentions, key=lambda m: (m.start, m.end)),
            rules=[REVIEW_RULE],
            gender=str(data.get("gender") or "unknown"),
            gender_basis="text" if data.get("gender") not in (None, "unknown") else "none",
            role_class=str(data.get("role_class") or "unknown"),
        )
        self.sources[ident] = source
        mark = Mark(status="added")
        mark.note("added", edit)
        self.source_marks[ident] = mark
        return source

    def add_mention(self, source_id: str | None, mention: Span | None) -> None:
        if source_id is None or mention is None:
            return
        source = self.sources[source_id]
        if all((m.start, m.end) != (mention.start, mention.end) for m in source.mentions):
            source.mentions = sorted([*source.mentions, mention], key=lambda m: (m.start, m.end))

    def drop_mention(self, source_id: str | None, mention: Span | None, *, keep_for: str) -> None:
        """Take a mention off a source when no other attribution of it uses it."""
        if source_id is None or mention is None or source_id not in self.sources:
            return
        used = any(
            a.id != keep_for and a.source == source_id and a.source_mention == mention
            for a in self.attributions.values()
        )
        source = self.sources[source_id]
        if not used and len(source.mentions) > 1:
            source.mentions = [m for m in source.mentions if m != mention]


# ------------------------------------------------------------------ applying
def _payload_span(state: _State, data: dict[str, Any] | None, shift: int) -> Span | None:
    return None if data is None else locate(state.text, span_of(data), shift)


def _apply_attribution_edit(state: _State, edit: ReviewEdit) -> set[Key]:
    payload = edit.payload
    ident, shift = state.attribution(edit.target, payload.get("anchor"))
    attribution = state.attributions[ident]
    mark = state.attribution_marks[ident]
    if edit.action == "confirm":
        mark.note("confirmed", edit)
        return {("attribution", ident, "*")}
    if edit.action == "reject":
        del state.attributions[ident]
        state.rejected[ident] = attribution
        for claim in state.claims:
            if claim.attribution == ident:
                claim.attribution = None
        mark.note("rejected", edit)
        return {("attribution", ident, "*")}
    if edit.action == "set_type":
        attribution.type = str(payload["type"])
        mark.note("retyped", edit)
        return {("attribution", ident, "type")}
    if edit.action == "set_span":
        return _apply_span(state, edit, ident, shift)
    return _apply_reassign(state, edit, ident, shift)


def _apply_span(state: _State, edit: ReviewEdit, ident: str, shift: int) -> set[Key]:
    attribution = state.attributions[ident]
    role = str(edit.payload["role"])
    spans = [locate(state.text, span_of(s), shift) for s in edit.payload["spans"]]
    if role == "content":
        attribution.content = spans
    elif role == "cue":
        attribution.cue = spans[0] if spans else None
    else:
        old = attribution.source_mention
        attribution.source_mention = spans[0] if spans else None
        state.drop_mention(attribution.source, old, keep_for=ident)
        state.add_mention(attribution.source, attribution.source_mention)
    state.attribution_marks[ident].note(f"{role}_span", edit)
    return {("attribution", ident, role)}


def _target_source(state: _State, edit: ReviewEdit, mentions: list[Span], keys: set[Key]) -> str | None:
    """The source an attribution edit assigns: an existing one, a new one (its fields join
    ``keys``), or none."""
    payload = edit.payload
    if payload.get("new_source") is not None:
        ident = f"{ADDED_SOURCE}{edit.id}"
        state.new_source(ident, payload["new_source"], edit, mentions)
        keys.add(("source", ident, "*"))
        return ident
    if payload.get("source") is None:
        return None
    ident, _ = state.source(str(payload["source"]), payload.get("source_anchor"))
    return ident


def _apply_reassign(state: _State, edit: ReviewEdit, ident: str, shift: int) -> set[Key]:
    attribution = state.attributions[ident]
    keys: set[Key] = {("attribution", ident, "source")}
    mention = attribution.source_mention
    if "source_mention" in edit.payload:
        mention = _payload_span(state, edit.payload["source_mention"], shift)
        keys.add(("attribution", ident, "source_mention"))
    new_source = _target_source(state, edit, [mention] if mention else [], keys)
    if new_source is None:
        mention = None
        keys.add(("attribution", ident, "source_mention"))
    old_source, old_mention = attribution.source, attribution.source_mention
    attribution.source, attribution.source_mention = new_source, mention
    if old_source != new_source:
        state.drop_mention(old_source, old_mention if old_mention == mention else None, keep_for=ident)
    state.add_mention(new_source, mention)
    attribution.via = [v for v in attribution.via if v != new_source]
    state.attribution_marks[ident].note("reassigned", edit)
    return keys


def _apply_add(state: _State, edit: ReviewEdit) -> set[Key]:
    payload = edit.payload
    ident = f"{ADDED_ATTRIBUTION}{edit.id}"
    content = [locate(state.text, span_of(s)) for s in payload["content"]]
    cue = _payload_span(state, payload.get("cue"), 0)
    mention = _payload_span(state, payload.get("source_mention"), 0)
    for existing in state.attributions.values():
        if _shift_of(content, existing.content) == 0:
            raise StaleEdit(f"attribution {existing.id} has this content already")
    keys: set[Key] = {("attribution", ident, "*")}
    source = _target_source(state, edit, [mention] if mention else [], keys)
    state.add_mention(source, mention)
    state.attributions[ident] = Attribution(
        id=ident,
        type=str(payload["type"]),
        content=content,
        cue=cue,
        source=source,
        source_mention=mention if source else None,
        confidence=1.0,
        rules=[REVIEW_RULE],
    )
    mark = Mark(status="added")
    mark.note("added", edit)
    state.attribution_marks[ident] = mark
    return keys


def _apply_source_edit(state: _State, edit: ReviewEdit) -> set[Key]:
    payload = edit.payload
    ident, shift = state.source(edit.target, payload.get("anchor"))
    source = state.sources[ident]
    mark = state.source_marks[ident]
    if edit.action == "rename":
        source.name = str(payload["name"])
        mark.note("renamed", edit)
        return {("source", ident, "name")}
    if edit.action == "set_field":
        return _apply_field(state, edit, ident)
    if edit.action == "merge":
        return _apply_merge(state, edit, ident)
    if edit.action == "split":
        return _apply_split(state, edit, ident, shift)
    # not a source: its attributions keep their content and cue, and lose their source
    keys: set[Key] = {("source", ident, "*")}
    for attribution in state.attributions.values():
        if attribution.source == ident:
            attribution.source, attribution.source_mention = None, None
            state.attribution_marks[attribution.id].note("unattributed", edit)
            keys |= {("attribution", attribution.id, "source"), ("attribution", attribution.id, "source_mention")}
        attribution.via = [v for v in attribution.via if v != ident]
    for claim in state.claims:
        if claim.source == ident:
            claim.source = None
    state.removed[ident] = state.sources.pop(ident)
    mark.note("not_a_source", edit)
    return keys


def _apply_field(state: _State, edit: ReviewEdit, ident: str) -> set[Key]:
    source = state.sources[ident]
    name, value = str(edit.payload["field"]), edit.payload["value"]
    name = "role" if name == "title" else name
    if name == "kind":
        source.kind = str(value)
    elif name == "named":
        source.named = bool(value)
    elif name == "count":
        source.count = None if value is None else int(value)
    elif name == "role":
        source.role = value
    elif name == "affiliation":
        source.affiliation = value
    elif name == "gender":
        source.gender = str(value)
        source.gender_basis = "none" if value == "unknown" else "text"
    else:
        source.role_class = str(value)
    state.source_marks[ident].note(name, edit)
    return {("source", ident, name)}


def _apply_merge(state: _State, edit: ReviewEdit, ident: str) -> set[Key]:
    into, _ = state.source(str(edit.payload["into"]), edit.payload.get("into_anchor"))
    if into == ident:
        raise StaleEdit(f"source {ident} and {edit.payload['into']} are one source already")
    merged, kept = state.sources[ident], state.sources[into]
    keys: set[Key] = {("source", ident, "*"), ("source", into, "mentions")}
    known = {(m.start, m.end) for m in kept.mentions}
    kept.mentions = sorted(
        [*kept.mentions, *(m for m in merged.mentions if (m.start, m.end) not in known)],
        key=lambda m: (m.start, m.end),
    )
    for attribution in state.attributions.values():
        if attribution.source == ident:
            attribution.source = into
            state.attribution_marks[attribution.id].note("source_merged", edit)
            keys.add(("attribution", attribution.id, "source"))
        if ident in attribution.via:
            attribution.via = [v for v in dict.fromkeys(into if v == ident else v for v in attribution.via)]
            attribution.via = [v for v in attribution.via if v != attribution.source]
    for claim in state.claims:
        if claim.source == ident:
            claim.source = into
    state.removed[ident] = state.sources.pop(ident)
    state.source_marks[ident].merged_into = into
    state.source_marks[ident].note("merged", edit)
    state.source_marks[into].note("merged_in", edit)
    return keys


def _apply_split(state: _State, edit: ReviewEdit, ident: str, shift: int) -> set[Key]:
    source = state.sources[ident]
    moved = [locate(state.text, span_of(m), shift) for m in edit.payload["mentions"]]
    present = {(m.start, m.end) for m in source.mentions}
    missing = [m for m in moved if (m.start, m.end) not in present]
    if missing:
        raise StaleEdit(f"{missing[0].text!r} is no longer a mention of source {ident}")
    moved_at = {(m.start, m.end) for m in moved}
    if moved_at >= present:
        raise StaleEdit(f"every mention of source {ident} would move: that is a rename, not a split")
    new_id = f"{ADDED_SOURCE}{edit.id}"
    data = {"name": moved[0].text, "kind": source.kind, "named": source.named, **edit.payload["new_source"]}
    state.new_source(new_id, data, edit, moved)
    state.source_marks[new_id].changes = ["split_off"]
    state.source_marks[new_id].split_from = ident
    source.mentions = [m for m in source.mentions if (m.start, m.end) not in moved_at]
    keys: set[Key] = {("source", ident, "mentions"), ("source", new_id, "*")}
    for attribution in state.attributions.values():
        mention = attribution.source_mention
        if attribution.source == ident and mention is not None and (mention.start, mention.end) in moved_at:
            attribution.source = new_id
            state.attribution_marks[attribution.id].note("source_split", edit)
            keys.add(("attribution", attribution.id, "source"))
    state.source_marks[ident].note("split", edit)
    return keys


def apply_edit(state: _State, edit: ReviewEdit) -> set[Key]:
    """Apply one edit to the state; the fields it changed. StaleEdit when it does not apply."""
    if edit.action == "add":
        return _apply_add(state, edit)
    if edit.action in ATTRIBUTION_ACTIONS:
        return _apply_attribution_edit(state, edit)
    if edit.action in SOURCE_ACTIONS:
        return _apply_source_edit(state, edit)
    if edit.action == "set_status":
        state.status = str(edit.payload["status"])
        return {("article", "", "status")}
    raise StaleEdit(f"unknown action {edit.action!r}")


def undone_edits(edits: Sequence[ReviewEdit]) -> set[int]:
    """The ids of the edits an undo in effect reverts (newest first, so undoing an undo redoes)."""
    undone: set[int] = set()
    for edit in sorted(edits, key=lambda e: e.revision, reverse=True):
        if edit.action == "undo" and edit.id not in undone and edit.reverts is not None:
            undone.add(edit.reverts)
    return undone


def review_status(edits: Sequence[ReviewEdit]) -> str:
    """unreviewed (no edit in effect), reviewed (the last status edit in effect says so) or
    in_progress."""
    undone = undone_edits(edits)
    active = [e for e in sorted(edits, key=lambda e: e.revision) if e.action != "undo" and e.id not in undone]
    if not active:
        return "unreviewed"
    statuses = [str(e.payload.get("status")) for e in active if e.action == "set_status"]
    return "reviewed" if statuses and statuses[-1] == "reviewed" else "in_progress"


def build_map(machine: Analysis, edits: Sequence[ReviewEdit]) -> ReviewedMap:
    """The reviewed map of an article: its machine analysis with the edits in effect applied
    in revision order. Never raises for an edit: those that do not apply are ``stale``."""
    ordered = sorted(edits, key=lambda e: e.revision)
    undone = undone_edits(ordered)
    state = _State.of(machine)
    applied: dict[int, tuple[str, ...]] = {}
    stale: list[Stale] = []
    for edit in ordered:
        if edit.action == "undo" or edit.id in undone:
            continue
        try:
            keys = apply_edit(state, edit)
        except (StaleEdit, KeyError, TypeError, ValueError) as exc:
            reason = str(exc) if isinstance(exc, StaleEdit) else f"the edit cannot be read ({exc!r})"
            stale.append(Stale(edit, reason))
            continue
        applied[edit.id] = tuple(sorted(key_text(k) for k in keys))
    return _finish(machine, state, ordered, applied, stale, undone)


def _finish(
    machine: Analysis,
    state: _State,
    edits: list[ReviewEdit],
    applied: dict[int, tuple[str, ...]],
    stale: list[Stale],
    undone: set[int],
) -> ReviewedMap:
    for ident, mark in state.attribution_marks.items():
        if ident in state.rejected:
            mark.status = "rejected"
        elif mark.machine_id is None:
            mark.status = "added"
        elif any(c != "confirmed" for c in mark.changes):
            mark.status = "corrected"
        elif mark.changes:
            mark.status = "confirmed"
    for ident, mark in state.source_marks.items():
        if ident in state.removed:
            mark.status = "merged" if mark.merged_into else "not_a_source"
        elif mark.machine_id is None:
            mark.status = "added"
        elif mark.changes:
            mark.status = "corrected"
    reviewed = Analysis(
        article=machine.article,
        sources=list(state.sources.values()),
        attributions=list(state.attributions.values()),
        claims=state.claims,
        analysis_version=machine.analysis_version,
    )
    reviewed.profile = build_profile(reviewed)
    return ReviewedMap(
        machine=machine,
        analysis=reviewed,
        attributions=dict(state.attribution_marks),
        sources=dict(state.source_marks),
        rejected=list(state.rejected.values()),
        removed_sources=list(state.removed.values()),
        stale=stale,
        applied=applied,
        undone=sorted(undone),
        edits=edits,
        revision=max((e.revision for e in edits), default=0),
        status=review_status(edits),
    )


# ------------------------------------------------------------------ validating requests
def _text_value(value: Any, what: str, *, required: bool = False) -> str | None:
    if value is None:
        if required:
            raise InvalidEdit(f"{what} is required")
        return None
    text = " ".join(str(value).split())
    if required and not text:
        raise InvalidEdit(f"{what} may not be empty")
    if len(text) > MAX_NAME:
        raise InvalidEdit(f"{what} is longer than {MAX_NAME} characters")
    return text or None


def check_field(name: str, value: Any) -> Any:
    """A source field's new value, checked; InvalidEdit for an unknown field or a bad value."""
    choices = {"kind": SOURCE_KINDS, "gender": GENDERS, "role_class": ROLE_CLASSES}
    if name not in SOURCE_FIELDS:
        raise InvalidEdit(f"unknown source field {name!r}; choose one of {', '.join(SOURCE_FIELDS)}")
    if name in choices:
        if value not in choices[name]:
            raise InvalidEdit(f"{name} must be one of {', '.join(choices[name])}, not {str(value)[:40]!r}")
        return value
    if name == "named":
        if not isinstance(value, bool):
            raise InvalidEdit("named must be true or false")
        return value
    if name == "count":
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise InvalidEdit("count must be a whole number of 0 or more, or null")
        return value
    return _text_value(value, name)


def check_new_source(data: dict[str, Any]) -> dict[str, Any]:
    """The fields of a source a reviewer creates (name required; kind, named... optional)."""
    known = {"name", "kind", "named", "count", "role", "title", "affiliation", "gender", "role_class"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise InvalidEdit(f"unknown new_source field {unknown[0]!r}; it takes {', '.join(sorted(known))}")
    out: dict[str, Any] = {"name": _text_value(data.get("name"), "new_source.name", required=True)}
    for name in sorted(known - {"name"}):
        if data.get(name) is not None:
            out["role" if name == "title" else name] = check_field(name, data[name])
    return out


def check_type(value: Any) -> str:
    if value not in ATTRIBUTION_TYPES:
        raise InvalidEdit(f"type must be one of {', '.join(ATTRIBUTION_TYPES)}, not {str(value)[:40]!r}")
    return str(value)


def check_content(text: str, spans: Any) -> list[Span]:
    if not isinstance(spans, list) or not spans:
        raise InvalidEdit("content needs one span or more")
    if len(spans) > 20:
        raise InvalidEdit("content has at most 20 spans")
    checked = sorted((check_span(text, s, "content") for s in spans), key=lambda s: s.start)
    for before, after in itertools.pairwise(checked):
        if after.start < before.end:
            raise InvalidEdit(f"content spans {before.start}-{before.end} and {after.start}-{after.end} overlap")
    return checked
