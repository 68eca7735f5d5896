"""The web UI: HTML pages over the same service as the API, each with its JSON twin.

| page | JSON twin |
|---|---|
| ``/`` analyse (form) and ``POST /analyze`` | ``POST /api/analyze`` |
| ``/check`` check a draft (form) and ``POST /check`` | ``POST /api/check`` |
| ``/articles``, ``/articles/{id}`` | ``/api/articles``, ``/api/articles/{id}`` |
| ``/sources``, ``/sources/{id}`` | ``/api/sources``, ``/api/sources/{id}`` |
| ``/search`` | ``/api/search`` |
| ``/dashboard`` | ``/api/stats`` (and ``/api/voices`` for who gets quoted) |
| ``/quote-trail`` | ``/api/quote-trail`` |

Pages are complete without JavaScript; ``static/app.js`` adds the source cards and the
lighting of a finding's words, ``static/charts.js`` the charts.
"""

from __future__ import annotations

from typing import Annotated, Any, cast

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from accordingto.check import CHECKS, CheckReport
from accordingto.errors import AccordingtoError
from accordingto.ingest.detect import detect_kind
from accordingto.ingest.encoding import decode_html, decode_text
from accordingto.link.quotes import LINK_THRESHOLD
from accordingto.models import ATTRIBUTION_TYPES, SHOW_THRESHOLD, SOURCE_KINDS, Analysis
from accordingto.query.articles import ArticleOrder
from accordingto.query.search import SearchMode, SearchOrder
from accordingto.query.sources import SourceOrder
from accordingto.serve.dashboard import DASHBOARD_DATA, voices_view
from accordingto.serve.errors import ApiError, message_for, status_for
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
    TypeQuery,
    filter_args,
    given,
    named_param,
    optional_text,
    period_filters,
    statement_filters,
)
from accordingto.serve.service import AnalyzeInput, Service, rules_from_toml
from accordingto.serve.templating import Pages, api_twin, path_part
from accordingto.serve.views import (
    SEVERITY_ICONS,
    by_source,
    chart_data,
    check_layout,
    counts_phrase,
    finding_views,
    outlet_chain,
    source_styles,
    text_html,
)

router = APIRouter(include_in_schema=False)
FORM_FIELDS = ("text", "url", "title", "outlet", "published")
CHECK_FIELDS = (*FORM_FIELDS, "rules")


def service(request: Request) -> Service:
    return cast(Service, request.app.state.service)


def pages(request: Request) -> Pages:
    return cast(Pages, request.app.state.pages)


ServiceDep = Annotated[Service, Depends(service)]
PagesDep = Annotated[Pages, Depends(pages)]
Filters = Annotated[FilterArgs, Depends(filter_args)]


# ---------------------------------------------------------------- analyse
@router.get("/", response_class=HTMLResponse)
async def home(request: Request, svc: ServiceDep, ui: PagesDep) -> HTMLResponse:
    return await _home(request, svc, ui)


async def _home(
    request: Request,
    svc: ServiceDep,
    ui: Pages,
    *,
    form: dict[str, str] | None = None,
    error: str = "",
    status: int = 200,
) -> HTMLResponse:
    newest = await svc.overview()
    return ui.render(
        request,
        "home.html",
        status=status,
        nav="analyze",
        json_url="/api/articles",
        newest=newest,
        form=form or {},
        error=error,
        max_chars=svc.limits.max_chars,
    )


@router.get("/analyze")
async def analyze_again() -> Response:
    """A reload of the result page (GET): back to the form."""
    return RedirectResponse("/", status_code=303)


@router.post("/analyze", response_class=HTMLResponse)
async def analyze_page(request: Request, svc: ServiceDep, ui: PagesDep) -> Response:
    """The analyse form: text, an uploaded file or a URL -> the article with its sourcing."""
    submitted = await request.form(max_part_size=svc.limits.max_body_bytes)
    form = {name: str(submitted.get(name) or "") for name in FORM_FIELDS}
    store = submitted.get("store") == "on"
    upload = submitted.get("file")
    try:
        given_input = await _form_input(form, upload if isinstance(upload, UploadFile) else None)
        await submitted.close()  # the upload's temporary file
        analysis, stored = await svc.analyze(given_input, store=store)
    except (AccordingtoError, ApiError) as exc:
        await submitted.close()
        status, message = _status_message(exc)
        return await _home(request, svc, ui, form=form, error=message, status=status)
    if stored is not None:
        return RedirectResponse(f"/articles/{path_part(analysis.article.id)}?stored={stored}", status_code=303)
    links = await svc.source_links(analysis)
    show_all = submitted.get("all") == "on"
    return _article_page(request, ui, analysis, links, json_url=None, stored_summary=None, show_all=show_all)


def _status_message(exc: AccordingtoError | ApiError) -> tuple[int, str]:
    """What a form's page says about an input it could not use, and with which status."""
    if isinstance(exc, ApiError):
        return exc.status_code, exc.message
    return status_for(exc), message_for(exc)


async def _form_input(form: dict[str, str], upload: UploadFile | None) -> AnalyzeInput:
    meta = {name: optional_text(form[name]) for name in ("title", "outlet", "published")}
    data = await upload.read() if upload is not None else b""
    # a browser sends a textarea's line breaks as CRLF (the form encoding's, not the writer's):
    # back to the text as pasted, whose paragraphs the analysis and the check read
    text, url = form["text"].replace("\r\n", "\n"), optional_text(form["url"])
    chosen = [bool(text.strip()), bool(data), url is not None]
    if sum(chosen) != 1:
        raise ApiError(422, "give one article: paste its text, choose a file, or give its URL")
    if data:
        name = (upload.filename if upload is not None else None) or "upload"
        if detect_kind(name, data[:8192]) == "html":
            return AnalyzeInput(html=decode_html(data, name).text, **meta)
        return AnalyzeInput(text=decode_text(data, name).text, **meta)
    if url is not None:
        return AnalyzeInput(url=url, **meta)
    return AnalyzeInput(text=text, **meta)


def _article_page(
    request: Request,
    ui: Pages,
    analysis: Analysis,
    links: dict[str, str],
    *,
    json_url: str | None,
    stored_summary: Any,
    status_note: str | None = None,
    show_all: bool = False,
) -> HTMLResponse:
    shown, hidden = (analysis, 0) if show_all else analysis.shown()
    analysis = shown
    styles = source_styles(analysis)
    return ui.render(
        request,
        "article.html",
        nav="articles" if stored_summary is not None else "analyze",
        json_url=json_url,
        a=analysis,
        text_html=text_html(analysis, styles),
        styles=styles,
        groups=by_source(analysis),
        chain=lambda attribution: outlet_chain(analysis, attribution),
        links=links,
        charts=chart_data(analysis),
        summary=stored_summary,
        status_note=status_note,
        kinds=SOURCE_KINDS,
        hidden=hidden,
        threshold=SHOW_THRESHOLD,
        show_all=show_all,
    )


# ---------------------------------------------------------------- check a draft
@router.get("/check", response_class=HTMLResponse)
async def check_form(request: Request, svc: ServiceDep, ui: PagesDep) -> HTMLResponse:
    """The check form; a reload of a check's result (GET) lands here too."""
    return _check_form(request, svc, ui)


def _check_form(
    request: Request,
    svc: Service,
    ui: Pages,
    *,
    form: dict[str, str] | None = None,
    error: str = "",
    status: int = 200,
) -> HTMLResponse:
    return ui.render(
        request,
        "check.html",
        status=status,
        nav="check",
        form=form or {},
        error=error,
        max_chars=svc.limits.max_chars,
        checks=sorted(CHECKS.items()),
        icons=SEVERITY_ICONS,
    )


@router.post("/check", response_class=HTMLResponse)
async def check_page(request: Request, svc: ServiceDep, ui: PagesDep) -> Response:
    """The check form, read as the analyse form is (text, a file or a URL), and optional house
    rules in TOML -> the draft marked up, each finding beside its paragraph."""
    submitted = await request.form(max_part_size=svc.limits.max_body_bytes)
    form = {name: str(submitted.get(name) or "") for name in CHECK_FIELDS}
    upload = submitted.get("file")
    try:
        rules = rules_from_toml(form["rules"])  # bad rules are refused before the analysis waits in line
        given_input = await _form_input(form, upload if isinstance(upload, UploadFile) else None)
        await submitted.close()  # the upload's temporary file
        analysis, report = await svc.check(given_input, rules)
    except (AccordingtoError, ApiError) as exc:
        await submitted.close()
        status, message = _status_message(exc)
        return _check_form(request, svc, ui, form=form, error=message, status=status)
    links = await svc.source_links(analysis)
    return _report_page(request, ui, analysis, report, links)


def _report_page(
    request: Request, ui: Pages, analysis: Analysis, report: CheckReport, links: dict[str, str]
) -> HTMLResponse:
    """Every attribution is shown, low confidence too: the check ran on all of them, and a
    finding may point at one."""
    styles = source_styles(analysis)
    return ui.render(
        request,
        "check_report.html",
        nav="check",
        a=analysis,
        report=report,
        counts=counts_phrase(report),
        paragraphs=check_layout(analysis, finding_views(report), styles),
        styles=styles,
        links=links,
        chain=lambda attribution: outlet_chain(analysis, attribution),
        icons=SEVERITY_ICONS,
    )


# ---------------------------------------------------------------- articles
@router.get("/articles", response_class=HTMLResponse)
async def articles_page(
    request: Request,
    svc: ServiceDep,
    ui: PagesDep,
    outlet: OutletQuery = None,
    since: DateQuery = None,
    until: DateQuery = None,
    order: ArticleOrder = "-date",
    limit: LimitParam = 50,
    offset: OffsetParam = 0,
) -> HTMLResponse:
    chosen = period_filters(outlet, since, until)
    page = await svc.articles(
        outlet=chosen.outlet,
        since=chosen.since,
        until=chosen.until,
        order=order,
        limit=limit,
        offset=offset,
        with_total=True,
    )
    return ui.render(
        request,
        "articles.html",
        nav="articles",
        json_url=api_twin(request),
        page=page,
        chosen=chosen,
        order=order,
    )


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
async def article_page(
    request: Request,
    svc: ServiceDep,
    ui: PagesDep,
    article_id: Annotated[str, Path(max_length=300)],
    stored: str | None = None,
    show_all: Annotated[bool, Query(alias="all")] = False,
) -> HTMLResponse:
    """A stored article; attributions below confidence 0.5 are hidden unless ``?all=1``."""
    view = await svc.article(article_id)
    note = f"Stored in the corpus ({stored})." if stored in ("added", "replaced", "unchanged") else None
    return _article_page(
        request,
        ui,
        view.analysis,
        view.identities,
        json_url=f"/api/articles/{path_part(article_id)}",
        stored_summary=view.summary,
        status_note=note,
        show_all=show_all,
    )


@router.post("/articles/{article_id:path}/delete")
async def delete_article_page(svc: ServiceDep, article_id: Annotated[str, Path(max_length=300)]) -> Response:
    await svc.delete_article(article_id)
    return RedirectResponse("/articles", status_code=303)


# ---------------------------------------------------------------- sources
@router.get("/sources", response_class=HTMLResponse)
async def sources_page(
    request: Request,
    svc: ServiceDep,
    ui: PagesDep,
    name: Annotated[str | None, Query(max_length=200)] = None,
    kind: KindQuery = None,
    named: NamedQuery = None,
    anonymous: AnonymousQuery = None,
    outlet: OutletQuery = None,
    gender: GenderQuery = None,
    role_class: RoleClassQuery = None,
    order: SourceOrder = "attributions",
    limit: LimitParam = 50,
    offset: OffsetParam = 0,
) -> HTMLResponse:
    chosen_name, kinds, chosen_named, outlets = (
        optional_text(name),
        given("kind", list(kind or [])),
        named_param(named, anonymous),
        given("outlet", outlet),
    )
    genders, role_classes = given("gender", list(gender or [])), given("role_class", list(role_class or []))
    page = await svc.sources(
        name=chosen_name,
        kind=kinds,
        named=chosen_named,
        outlet=outlets,
        gender=genders,
        role_class=role_classes,
        order=order,
        limit=limit,
        offset=offset,
        with_total=False,
    )
    chosen = {
        "name": chosen_name,
        "kind": kinds,
        "named": chosen_named,
        "outlet": outlets,
        "gender": genders,
        "role_class": role_classes,
    }
    return ui.render(
        request,
        "sources.html",
        nav="sources",
        json_url=api_twin(request),
        page=page,
        chosen=chosen,
        order=order,
        kinds=SOURCE_KINDS,
    )


@router.get("/sources/{source_id:path}", response_class=HTMLResponse)
async def source_page(
    request: Request,
    svc: ServiceDep,
    ui: PagesDep,
    source_id: Annotated[str, Path(max_length=300)],
    outlet: OutletQuery = None,
    since: DateQuery = None,
    until: DateQuery = None,
    type: TypeQuery = None,
    limit: LimitParam = 50,
    offset: OffsetParam = 0,
) -> HTMLResponse:
    filters = statement_filters(outlet, since, until, type)
    try:
        view = await svc.source(source_id, filters, limit=limit, offset=offset)
    except ApiError as exc:
        if exc.status_code != 404:
            raise
        candidates = await svc.find_sources(source_id)
        return ui.render(
            request,
            "source_missing.html",
            status=404,
            nav="sources",
            json_url=None,
            wanted=source_id,
            candidates=candidates,
        )
    return ui.render(
        request,
        "source.html",
        nav="sources",
        json_url=api_twin(request, f"/api/sources/{path_part(source_id)}"),
        view=view,
        filters=filters,
        types=ATTRIBUTION_TYPES,
    )


# ---------------------------------------------------------------- search
@router.get("/search", response_class=HTMLResponse)
async def search_page(
    request: Request,
    svc: ServiceDep,
    ui: PagesDep,
    filters: Filters,
    q: Annotated[str | None, Query(max_length=1000)] = None,
    mode: SearchMode = "words",
    order: SearchOrder = "relevance",
    limit: LimitParam = 20,
    offset: OffsetParam = 0,
) -> HTMLResponse:
    text = optional_text(q)
    result = None
    if text is not None:
        result = await svc.search(text, filters, mode=mode, order=order, limit=limit, offset=offset, with_total=False)
    return ui.render(
        request,
        "search.html",
        nav="search",
        json_url=api_twin(request) if text else None,
        q=text or "",
        mode=mode,
        order=order,
        filters=filters,
        result=result,
        kinds=SOURCE_KINDS,
        types=ATTRIBUTION_TYPES,
    )


# ---------------------------------------------------------------- dashboard and trails
@router.get("/dashboard", response_class=HTMLResponse)
async def dashboard_page(
    request: Request,
    svc: ServiceDep,
    ui: PagesDep,
    outlet: OutletQuery = None,
    since: DateQuery = None,
    until: DateQuery = None,
    data: DataQuery = "machine",
) -> HTMLResponse:
    chosen = period_filters(outlet, since, until)
    outlets, first, last = chosen.outlet, chosen.since, chosen.until
    rows = await svc.stats(by="outlet", top=3, outlet=outlets, since=first, until=last, data=data)  # and the role mix
    voices = voices_view(
        rows,
        await svc.voices(by="outlet-month", outlet=outlets, since=first, until=last, data=data),
        await svc.voices(by="month", outlet=outlets, since=first, until=last, data=data),
        await svc.voices(by="author", outlet=outlets, since=first, until=last, data=data),
        outlet=outlets,
        since=first,
        until=last,
        data=data,
    )
    return ui.render(
        request,
        "dashboard.html",
        nav="dashboard",
        json_url=api_twin(request, "/api/stats"),
        rows=rows,
        chosen=chosen,
        kinds=SOURCE_KINDS,
        query=request.url.query,
        voices=voices,
        data=data,
        data_choices=DASHBOARD_DATA,
        reviewed_articles=sum(r.reviewed_articles or 0 for r in rows),
    )


@router.get("/quote-trail", response_class=HTMLResponse)
async def trail_page(
    request: Request,
    svc: ServiceDep,
    ui: PagesDep,
    q: Annotated[str | None, Query(max_length=2000)] = None,
    id: Annotated[str | None, Query(max_length=300)] = None,
    limit: LimitParam = 50,
    offset: OffsetParam = 0,
) -> HTMLResponse:
    text, attribution_id = optional_text(q), optional_text(id)
    trail = page = None
    if text or attribution_id:
        trail, page = await svc.quote_trail(text, attribution_id, threshold=LINK_THRESHOLD, limit=limit, offset=offset)
    return ui.render(
        request,
        "trail.html",
        nav="search",
        json_url=api_twin(request) if trail else None,
        q=text or "",
        trail=trail,
        page=page,
    )
