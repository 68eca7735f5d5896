"""Query parameters shared by the API and the pages, with the CLI's meaning.

A page and its JSON twin take the same query string: ``/search?q=red+line&kind=person``
and ``/api/search?q=red+line&kind=person`` select the same results. Empty values (what an
HTML form sends for a field left blank) mean "not given", so a form can submit every field.

| CLI option | parameter |
|---|---|
| ``--source NAME`` (repeatable) | ``source`` (repeatable) |
| ``--kind K`` (repeatable) | ``kind`` (repeatable) |
| ``--anonymous`` / ``--named`` | ``named=false`` / ``named=true`` (or ``anonymous=true``) |
| ``--outlet O`` (repeatable) | ``outlet`` (repeatable) |
| ``--since`` / ``--until`` (YYYY-MM-DD or YYYY-MM) | ``since`` / ``until`` |
| ``--type T`` (repeatable) | ``type`` (repeatable) |
| ``--gender G`` (repeatable) | ``gender`` (repeatable) |
| ``--role-class C`` (repeatable) | ``role_class`` (repeatable) |
| ``--limit`` / ``--offset`` | ``limit`` / ``offset`` |
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Annotated, Literal

from fastapi import Query

from accordingto.models import ATTRIBUTION_TYPES, GENDERS, ROLE_CLASSES, SOURCE_KINDS
from accordingto.query.filters import MAX_LIMIT, MAX_OFFSET, iso_day
from accordingto.serve.errors import ApiError

SourceKindParam = Literal["person", "group", "organization", "outlet", "document", "unspecified"]
AttributionTypeParam = Literal["direct", "mixed", "indirect", "according_to"]
assert set(SourceKindParam.__args__) == set(SOURCE_KINDS)  # type: ignore[attr-defined]
assert set(AttributionTypeParam.__args__) == set(ATTRIBUTION_TYPES)  # type: ignore[attr-defined]
if TYPE_CHECKING:
    GenderParam = str
    RoleClassParam = str
else:  # the schema's own values, as the types FastAPI checks and documents (an enum in OpenAPI)
    GenderParam = Literal[GENDERS]
    RoleClassParam = Literal[ROLE_CLASSES]

_TRUE = {"true", "1", "yes", "named"}
_FALSE = {"false", "0", "no", "anonymous"}


def invalid(parameter: str, message: str) -> ApiError:
    return ApiError(422, f"query parameter {parameter!r}: {message}")


#: Values one repeatable parameter may have: more is no real filter but costs (each source
#: name is a lookup, each outlet a term of the full-text match).
MAX_VALUES = 100


def given(name: str, values: list[str] | None) -> tuple[str, ...]:
    """The non-blank values of a repeatable parameter, each once, in the order given."""
    if values and len(values) > MAX_VALUES:
        raise invalid(name, f"give at most {MAX_VALUES} values, not {len(values):,}")
    return tuple(dict.fromkeys(v.strip() for v in values or [] if v and v.strip()))


def optional_text(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def date_param(name: str, value: str | None) -> str | None:
    text = optional_text(value)
    if text is None:
        return None
    try:
        iso_day(text)
    except ValueError:
        raise invalid(name, f"{text[:40]!r} is not a date (YYYY-MM-DD) or a month (YYYY-MM)") from None
    return text


def named_param(named: str | None, anonymous: str | None) -> bool | None:
    """True: only named sources; False: only anonymous ones; None: both."""
    choices: list[bool] = []
    for name, value, flip in (("named", named, False), ("anonymous", anonymous, True)):
        text = (optional_text(value) or "").lower()
        if not text or text == "any":
            continue
        if text not in _TRUE | _FALSE:
            raise invalid(name, f"{text[:20]!r} is not true or false")
        choices.append((text in _TRUE) != flip)
    if len(set(choices)) > 1:
        raise invalid("named", "named and anonymous contradict each other")
    return choices[0] if choices else None


LimitParam = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Results per page (1 to {MAX_LIMIT}).")]
# the upper bound is the query layer's check (a 400), the same one the CLI's --offset gets
OffsetParam = Annotated[
    int, Query(ge=0, description=f"Results to skip (0 to {MAX_OFFSET:,}): the `next_offset` of the previous page.")
]
TotalParam = Annotated[bool, Query(description="Count every match too (`total`); costs more on large corpora.")]
DateQuery = Annotated[str | None, Query(description="YYYY-MM-DD or YYYY-MM.", max_length=10)]
DataQuery = Annotated[
    Literal["machine", "reviewed", "both"],
    Query(
        description="The data counted: `machine` (every article as analysed, the default), `reviewed` (only the "
        "articles under review, as their reviewed maps say) or `both` (the reviewed map where an article is under "
        "review, the analysis elsewhere); every row says which in `data` (docs/review.md)."
    ),
]
NamedQuery = Annotated[
    str | None,
    Query(description="`true`: only named sources (CLI `--named`); `false`: only anonymous ones (`--anonymous`)."),
]
AnonymousQuery = Annotated[str | None, Query(description="`true`: only anonymous sources, the same as `named=false`.")]
OutletQuery = Annotated[list[str] | None, Query(description="Outlet that published the article (repeatable).")]
KindQuery = Annotated[list[SourceKindParam] | None, Query(description="Source kind (repeatable).")]
TypeQuery = Annotated[list[AttributionTypeParam] | None, Query(description="Attribution type (repeatable).")]
GenderQuery = Annotated[
    list[GenderParam] | None,
    Query(
        description="Gender of the source as the text states it (repeatable). In a search: the source's in the "
        "article quoting it; in the list of sources: the one the source's articles agree on."
    ),
]
RoleClassQuery = Annotated[
    list[RoleClassParam] | None,
    Query(
        description="Role class of the source (repeatable; docs/schema.md). In a search: the source's in the "
        "article quoting it; in the list of sources: one that an article gives it."
    ),
]
SourceQuery = Annotated[
    list[str] | None, Query(description="A source's name or corpus id (repeatable); names resolve as the CLI's do.")
]


@dataclass(frozen=True, slots=True)
class FilterArgs:
    """The filters of ``search``, of one source's statements and of the articles and dashboard
    pages (outlet and dates only), as given (names unresolved)."""

    source: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    named: bool | None = None
    outlet: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    type: tuple[str, ...] = ()
    gender: tuple[str, ...] = ()
    role_class: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return any(
            (
                self.source,
                self.kind,
                self.named is not None,
                self.outlet,
                self.since,
                self.until,
                self.type,
                self.gender,
                self.role_class,
            )
        )


def period_filters(outlet: list[str] | None, since: str | None, until: str | None) -> FilterArgs:
    """The outlet and date filters (articles, the dashboard), checked."""
    return FilterArgs(
        outlet=given("outlet", outlet), since=date_param("since", since), until=date_param("until", until)
    )


def statement_filters(
    outlet: list[str] | None, since: str | None, until: str | None, type: list[AttributionTypeParam] | None
) -> FilterArgs:
    """The filters of one source's statements (its API route and its page), checked."""
    return replace(period_filters(outlet, since, until), type=given("type", list(type or [])))


def filter_args(
    source: SourceQuery = None,
    kind: KindQuery = None,
    named: NamedQuery = None,
    anonymous: AnonymousQuery = None,
    outlet: OutletQuery = None,
    since: DateQuery = None,
    until: DateQuery = None,
    type: TypeQuery = None,
    gender: GenderQuery = None,
    role_class: RoleClassQuery = None,
) -> FilterArgs:
    """The search filters (a FastAPI dependency)."""
    return FilterArgs(
        source=given("source", source),
        kind=given("kind", list(kind or [])),
        named=named_param(named, anonymous),
        outlet=given("outlet", outlet),
        since=date_param("since", since),
        until=date_param("until", until),
        type=given("type", list(type or [])),
        gender=given("gender", list(gender or [])),
        role_class=given("role_class", list(role_class or [])),
    )
