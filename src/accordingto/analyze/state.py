"""What the components leave on a Doc for the next one: frozen, typed records.

Each step writes its own records and reads those of the steps before it; none edits
another's. On the Doc they are kept as plain data in ``doc._.accordingto`` (lists and
numbers only), so they survive ``nlp.pipe(n_process=...)``, pickling and ``DocBin``;
:func:`read` and :func:`write` convert. Spans a user may want to look at are also put in
span groups (``doc.spans["at_quotes"]``, ``"at_cues"``, ``"at_content"``, ``"at_sources"``).

The steps and what they write:

* quotes: ``quotes`` (:class:`QuoteRecord`);
* attributions: ``attributions`` (:class:`AttributionRecord`: content, cue, source
  mention, type, hedges, the rules that made it);
* sources: ``sources`` (:class:`SourceRecord`) and ``links`` (:class:`SourceLink`, one
  per attribution: its source entity, mention and the outlets it came through);
* claims: ``claims`` (:class:`ClaimRecord`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, TypeVar

from spacy.tokens import Doc

EXTENSION = "accordingto"
CharRange = tuple[int, int]
KEYS = ("quotes", "attributions", "sources", "links", "claims")


@dataclass(frozen=True, slots=True)
class QuoteRecord:
    start: int
    end: int
    closed: bool
    chain: int
    double: bool


@dataclass(frozen=True, slots=True)
class AttributionRecord:
    id: str
    content: tuple[CharRange, ...]
    cue: CharRange | None
    #: the source mention as the cue's syntax gives it (before cited sources are followed)
    source: CharRange | None
    type: str
    pattern: str
    cue_class: str
    stance: str
    confidence: float
    hedges: tuple[CharRange, ...]
    rules: tuple[str, ...]
    cue_head: int | None = None
    source_head: int | None = None
    recipient_head: int | None = None
    cited_head: int | None = None


@dataclass(frozen=True, slots=True)
class SourceRecord:
    id: str
    name: str
    kind: str
    named: bool
    count: int | None
    count_text: str | None
    role: str | None
    affiliation: str | None
    mentions: tuple[CharRange, ...]
    anonymity: tuple[CharRange, ...]
    rules: tuple[str, ...] = ()
    gender: str = "unknown"
    gender_basis: str = "none"
    gender_evidence: tuple[CharRange, ...] = ()
    role_class: str = "unknown"
    descriptors: tuple[CharRange, ...] = ()
    #: a group's members by gender as the text states them, as sorted (gender, count) pairs
    gender_counts: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class SourceLink:
    """The source of one attribution: entity id, the mention that names it, the media it came
    through (``via``), and the rules that decided it."""

    attribution: str
    source_id: str | None
    mention: CharRange | None
    via: tuple[str, ...]
    rules: tuple[str, ...]
    #: the text does not decide who the source is (two people a pronoun or a surname fits)
    uncertain: bool = False


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    start: int
    end: int
    value: float | None
    approximation: str | None
    unit: str | None
    attribution: str | None
    source: str | None
    caveats: tuple[CharRange, ...]
    rules: tuple[str, ...] = ()
    value_to: float | None = None


R = TypeVar("R", QuoteRecord, AttributionRecord, SourceRecord, SourceLink, ClaimRecord)
_TYPES: dict[str, type[Any]] = {
    "quotes": QuoteRecord,
    "attributions": AttributionRecord,
    "sources": SourceRecord,
    "links": SourceLink,
    "claims": ClaimRecord,
}
#: per record type, the fields that hold a character range (a list on the Doc, a tuple in records)
_RANGE_FIELDS: dict[type[Any], frozenset[str]] = {
    AttributionRecord: frozenset({"cue", "source"}),
    SourceLink: frozenset({"mention"}),
}
_RANGE_LIST_FIELDS = frozenset(
    {"content", "hedges", "mentions", "anonymity", "caveats", "gender_evidence", "descriptors"}
)
_TUPLE_FIELDS = frozenset({"rules", "via"})
#: fields holding (name, count) pairs: lists of lists on the Doc, tuples of tuples in records
_PAIR_FIELDS = frozenset({"gender_counts"})


def ensure_extension() -> None:
    if not Doc.has_extension(EXTENSION):
        Doc.set_extension(EXTENSION, default=None)


def state(doc: Doc) -> dict[str, Any]:
    """The plain analysis state of ``doc``, created empty on first use."""
    ensure_extension()
    current = getattr(doc._, EXTENSION)
    if current is None:
        current = {key: [] for key in KEYS}
        setattr(doc._, EXTENSION, current)
    return current


def reset(doc: Doc) -> None:
    """Forget every step's output (a Doc analysed again, with other rules)."""
    ensure_extension()
    setattr(doc._, EXTENSION, None)


#: per key, the plain rows last written and the records they were made from: the next steps read
#: them back (attributions three times per document, links twice), and a record is frozen, so
#: the rows still on a Doc give the same records without converting them again. Only the rows
#: themselves are kept (not the Doc), and only the last ones.
_LAST_WRITTEN: dict[str, tuple[list[dict[str, Any]], tuple[Any, ...]]] = {}


def write(doc: Doc, key: str, records: list[Any]) -> None:
    """Store a step's records on the Doc, as plain data."""
    rows = [_plain(r) for r in records]
    state(doc)[key] = rows
    _LAST_WRITTEN[key] = (rows, tuple(records))


def read(doc: Doc, key: str, cls: type[R]) -> list[R]:
    """A step's records from the Doc."""
    assert _TYPES[key] is cls
    rows = state(doc).get(key, [])
    last = _LAST_WRITTEN.get(key)
    if last is not None and last[0] is rows and len(rows) == len(last[1]):
        return list(last[1])
    return [_typed(cls, row) for row in rows]


#: how a field is converted between the Doc's plain data and a record
_RANGE, _RANGE_LIST, _TUPLE, _PAIRS, _AS_IS = range(5)


_PLANS: dict[type[Any], tuple[tuple[str, int], ...]] = {}


def _plan(cls: type[Any]) -> tuple[tuple[str, int], ...]:
    """Each field of a record type with its conversion, worked out once per type: records are
    read and written thousands of times per article set, and ``fields()`` is slow."""
    known = _PLANS.get(cls)
    if known is not None:
        return known
    ranges = _RANGE_FIELDS.get(cls, frozenset())
    plan = []
    for f in fields(cls):
        if f.name in ranges:
            how = _RANGE
        elif f.name in _RANGE_LIST_FIELDS:
            how = _RANGE_LIST
        elif f.name in _TUPLE_FIELDS:
            how = _TUPLE
        elif f.name in _PAIR_FIELDS:
            how = _PAIRS
        else:
            how = _AS_IS
        plan.append((f.name, how))
    _PLANS[cls] = tuple(plan)
    return _PLANS[cls]


def _plain(record: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, how in _plan(type(record)):
        value = getattr(record, name)
        if how == _RANGE:
            out[name] = list(value) if value is not None else None
        elif how == _RANGE_LIST:
            out[name] = [list(r) for r in value]
        elif how == _TUPLE:
            out[name] = list(value)
        elif how == _PAIRS:
            out[name] = [[k, n] for k, n in value]
        else:
            out[name] = value
    return out


def _typed(cls: type[R], row: dict[str, Any]) -> R:
    values: dict[str, Any] = {}
    for name, how in _plan(cls):
        if name not in row:
            continue
        value = row[name]
        if how == _RANGE:
            values[name] = (int(value[0]), int(value[1])) if value is not None else None
        elif how == _RANGE_LIST:
            values[name] = tuple((int(s), int(e)) for s, e in value)
        elif how == _TUPLE:
            values[name] = tuple(value)
        elif how == _PAIRS:
            values[name] = tuple((str(k), int(n)) for k, n in value)
        else:
            values[name] = value
    return cls(**values)


ensure_extension()
