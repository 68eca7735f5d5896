"""What the routes do, once: each API route and its page call the same method here, which
calls the query layer (:class:`accordingto.Corpus`) or the analysis worker.

Argument errors of the query layer (ValueError: a limit out of range, an unknown order)
become 400; library errors keep their own status (see :mod:`accordingto.serve.errors`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from accordingto.check import CheckReport, HouseRules, check_analysis
from accordingto.clean import CleanArticle, clean_document
from accordingto.clean.html import text_chars
from accordingto.errors import FetchError, InputTooLargeError, SettingsError
from accordingto.ingest import Document
from accordingto.models import Analysis
from accordingto.query import Corpus
from accordingto.query.articles import ArticleOrder
from accordingto.query.filters import check_page
from accordingto.query.records import (
    ArticleSummary,
    AttributionHit,
    Count,
    Page,
    QuoteTrail,
    SourceSummary,
    StatsRow,
    TrailEntry,
    VoicesRow,
)
from accordingto.query.review import StatsData
from accordingto.query.search import SearchMode, SearchOrder
from accordingto.query.sources import SourceOrder, is_exact_match
from accordingto.query.stats import GroupBy
from accordingto.query.timeline import article_identities, source_months
from accordingto.query.voices import VoicesBy
from accordingto.serve.config import Access, Limits
from accordingto.serve.errors import ApiError
from accordingto.serve.fetching import PrivateAddressError, Resolver, check_url, fetch_document, resolve
from accordingto.serve.params import FilterArgs
from accordingto.serve.workers import AnalysisWorker, QueryPool, Writer

T = TypeVar("T")
#: A page may hold this many times the article limit in text (menus, comments, related links).
HTML_TEXT_FACTOR = 2


@dataclass(frozen=True, slots=True)
class AnalyzeInput:
    """One article to analyse: exactly one of text, html and url, with optional metadata."""

    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    id: str | None = None


@dataclass(slots=True)
class SearchResult:
    page: Page[AttributionHit]
    unknown_sources: list[str] = field(default_factory=list)  # names that match no source: nothing kept


@dataclass(slots=True)
class ArticleView:
    summary: ArticleSummary
    analysis: Analysis
    identities: dict[str, str]  # local source id -> corpus source id


@dataclass(slots=True)
class SourceView:
    source: SourceSummary
    statements: Page[AttributionHit]
    months: list[Count]


def _checked(func: Callable[[Corpus], T]) -> Callable[[Corpus], T]:
    """The query layer's ValueError (an argument out of range) is the client's error."""

    def call(corpus: Corpus) -> T:
        try:
            return func(corpus)
        except ValueError as exc:
            raise ApiError(400, str(exc)) from None

    return call


def _no_article(article_id: str) -> ApiError:
    return ApiError(404, f"no article {article_id[:200]!r} in the corpus")


def checked_page(limit: int, offset: int) -> None:
    """The query layer's own check of a page (the one the CLI gets), for the lists the
    server pages itself."""
    try:
        check_page(limit, offset)
    except ValueError as exc:
        raise ApiError(400, str(exc)) from None


def sliced(items: list[T], limit: int, offset: int, total: int | None = None) -> Page[T]:
    """A page of a list computed whole (stats rows, trail entries)."""
    checked_page(limit, offset)
    chunk = items[offset : offset + limit]
    more = offset + limit < len(items)
    return Page(chunk, limit, offset, offset + limit if more else None, len(items) if total is None else total)


def _client_rules(read: Callable[[], HouseRules]) -> HouseRules:
    """House rules a client gave: an unknown key or a bad value is the client's error (422,
    the one line that names it), not the server's (SettingsError is otherwise a 500: a
    server misconfigured)."""
    try:
        return read()
    except SettingsError as exc:
        raise ApiError(422, str(exc)) from None


def rules_from_mapping(data: dict[str, Any] | None, *, origin: str = "rules") -> HouseRules:
    """The house rules of an API request (the ``rules`` object of the body); None: the defaults."""
    return HouseRules() if data is None else _client_rules(lambda: HouseRules.from_mapping(data, origin=origin))


def rules_from_toml(text: str, *, origin: str = "house rules") -> HouseRules:
    """The house rules pasted in the check form, as the TOML file the CLI reads; blank: the defaults."""
    return HouseRules() if not text.strip() else _client_rules(lambda: HouseRules.parse(text, origin=origin))


class Service:
    """The pools of one app and the operations on them."""

    def __init__(
        self,
        db_path: Path,
        *,
        limits: Limits,
        access: Access,
        analysis: AnalysisWorker,
        resolver: Resolver = resolve,
    ) -> None:
        self.db_path = db_path
        self.limits = limits
        self.access = access
        self.analysis = analysis
        self.resolver = resolver
        self.queries = QueryPool(
            db_path,
            workers=limits.query_workers,
            timeout=limits.query_timeout,
            max_waiting=limits.max_waiting_queries,
        )
        self.writer = Writer(db_path, timeout=limits.query_timeout + 10) if access.allow_writes else None
        self._fetcher: ThreadPoolExecutor | None = None

    def close(self) -> None:
        self.queries.close()
        self.analysis.close()
        if self.writer is not None:
            self.writer.close()
        if self._fetcher is not None:
            self._fetcher.shutdown(wait=False, cancel_futures=True)
            self._fetcher = None

    async def _read(self, func: Callable[[Corpus], T]) -> T:
        return await self.queries.run(_checked(func))

    def _require_writes(self, what: str) -> Writer:
        if self.writer is None:
            raise ApiError(403, f"this server is read-only: {what} needs a server started with --allow-writes")
        return self.writer

    # ------------------------------------------------------------------ corpus
    async def overview(self) -> Page[ArticleSummary]:
        """The newest articles, with the corpus's article count as ``total``."""
        return await self._read(lambda c: c.articles(limit=5, with_total=True))

    async def search(
        self,
        text: str,
        filters: FilterArgs,
        *,
        mode: SearchMode,
        order: SearchOrder,
        limit: int,
        offset: int,
        with_total: bool,
    ) -> SearchResult:
        def run(corpus: Corpus) -> SearchResult:
            # each name is resolved once (a lookup per name); Corpus.filters would do it again
            resolved = {name: corpus.resolve_source(name) for name in filters.source}
            unknown = [name for name, ids in resolved.items() if not ids]
            chosen = corpus.filters(
                kind=filters.kind,
                named=filters.named,
                outlet=filters.outlet,
                since=filters.since,
                until=filters.until,
                type=filters.type,
                gender=filters.gender,
                role_class=filters.role_class,
            )
            # a name that designates no source keeps nothing, as in Corpus.filters
            chosen = replace(chosen, sources=tuple(i for name, ids in resolved.items() for i in ids or [name]))
            page = corpus.search(
                text, filters=chosen, mode=mode, order=order, limit=limit, offset=offset, with_total=with_total
            )
            return SearchResult(page, unknown)

        return await self._read(run)

    async def articles(
        self,
        *,
        outlet: tuple[str, ...],
        since: str | None,
        until: str | None,
        order: ArticleOrder,
        limit: int,
        offset: int,
        with_total: bool,
    ) -> Page[ArticleSummary]:
        return await self._read(
            lambda c: c.articles(
                outlet=outlet, since=since, until=until, order=order, limit=limit, offset=offset, with_total=with_total
            )
        )

    async def article(self, article_id: str) -> ArticleView:
        def run(corpus: Corpus) -> ArticleView | None:
            summary = corpus.article(article_id)
            analysis = corpus.get(article_id) if summary is not None else None
            if summary is None or analysis is None:
                return None
            return ArticleView(summary, analysis, article_identities(corpus.connection, article_id))

        found = await self._read(run)
        if found is None:
            raise _no_article(article_id)
        return found

    async def delete_article(self, article_id: str) -> None:
        writer = self._require_writes("deleting an article")
        if not await writer.run(lambda c: c.remove(article_id)):
            raise _no_article(article_id)

    async def sources(
        self,
        *,
        name: str | None,
        kind: tuple[str, ...],
        named: bool | None,
        outlet: tuple[str, ...],
        order: SourceOrder,
        limit: int,
        offset: int,
        with_total: bool,
        gender: tuple[str, ...] = (),
        role_class: tuple[str, ...] = (),
    ) -> Page[SourceSummary]:
        return await self._read(
            lambda c: c.sources(
                name=name,
                kind=kind,
                named=named,
                outlet=outlet,
                gender=gender,
                role_class=role_class,
                order=order,
                limit=limit,
                offset=offset,
                with_total=with_total,
            )
        )

    async def source(self, corpus_source_id: str, filters: FilterArgs, *, limit: int, offset: int) -> SourceView:
        def run(corpus: Corpus) -> SourceView | None:
            summary = corpus.source(corpus_source_id)
            if summary is None:
                return None
            chosen = corpus.filters(outlet=filters.outlet, since=filters.since, until=filters.until, type=filters.type)
            statements = corpus.statements(corpus_source_id, filters=chosen, limit=limit, offset=offset)
            return SourceView(summary, statements, source_months(corpus.connection, corpus_source_id))

        found = await self._read(run)
        if found is None:
            raise ApiError(
                404, f"no source {corpus_source_id[:200]!r} in the corpus; find its id with /api/sources?name=..."
            )
        return found

    async def find_sources(self, name: str) -> list[SourceSummary]:
        return await self._read(lambda c: c.find_sources(name, limit=10))

    async def stats(
        self,
        *,
        by: GroupBy,
        outlet: tuple[str, ...],
        since: str | None,
        until: str | None,
        top: int,
        voices: bool = True,
        data: StatsData = "machine",
    ) -> list[StatsRow]:
        return await self._read(
            lambda c: c.stats(by=by, outlet=outlet, since=since, until=until, top=top, voices=voices, data=data)
        )

    async def voices(
        self,
        *,
        by: VoicesBy,
        outlet: tuple[str, ...],
        since: str | None,
        until: str | None,
        data: StatsData = "machine",
    ) -> list[VoicesRow]:
        return await self._read(lambda c: c.voices(by=by, outlet=outlet, since=since, until=until, data=data))

    async def quote_trail(
        self, text: str | None, attribution_id: str | None, *, threshold: float, limit: int, offset: int
    ) -> tuple[QuoteTrail, Page[TrailEntry]]:
        """The trail, and the page of its entries asked for (one more than the page is read,
        to know whether there is a next one)."""
        if (text is None) == (attribution_id is None):
            raise ApiError(422, "give the quote as q=..., or an attribution id as id=... (not both)")
        checked_page(limit, offset)
        trail = await self._read(
            lambda c: c.quote_trail(text, attribution_id=attribution_id, threshold=threshold, limit=offset + limit + 1)
        )
        page = sliced(trail.entries, limit, offset)
        page.total = None  # only offset + limit + 1 entries were read: the count is unknown
        return trail, page

    async def source_links(self, analysis: Analysis) -> dict[str, str]:
        """For an analysis not stored: the corpus identity of each named source whose name
        designates one without doubt (its full name), so its card can link to its page."""
        names = {s.id: s.name for s in analysis.sources if s.named}
        if not names:
            return {}

        def run(corpus: Corpus) -> dict[str, str]:
            links = {}
            for local, name in names.items():
                exact = [s for s in corpus.find_sources(name, limit=5) if is_exact_match(name, s)]
                if exact:
                    links[local] = exact[0].corpus_source_id
            return links

        return await self._read(run)

    # ------------------------------------------------------------------ analysis
    async def analyze(self, given: AnalyzeInput, *, store: bool) -> tuple[Analysis, str | None]:
        """The analysis, and how it was stored ("added", "replaced", "unchanged") when asked."""
        writer = self._require_writes("storing an analysis (store=true)") if store else None
        prepare = await self._preparation(given)
        analysis = await self.analysis.analyze(prepare, article_id=given.id)
        status = await writer.run(lambda c: c.add(analysis)) if writer is not None else None
        return analysis, status

    async def check(self, given: AnalyzeInput, rules: HouseRules) -> tuple[Analysis, CheckReport]:
        """The analysis and its sourcing check (the findings of ``accordingto check``). The
        input is prepared as for :meth:`analyze`, and the check runs on the analysis worker
        right after the analysis: the same limits, time limit and line, nothing stored."""
        prepare = await self._preparation(given)
        return await self.analysis.analyze_then(
            prepare, lambda analysis: check_analysis(analysis, rules), article_id=given.id
        )

    async def _preparation(self, given: AnalyzeInput) -> Callable[[], CleanArticle]:
        """What the analysis worker runs to get the cleaned article (URLs are fetched first).
        Every input is a Document, so the metadata given wins as it does in ingest."""
        if given.text is not None:
            self._check_chars(len(given.text))
            document = Document("the text given", text=given.text)
        elif given.html is not None:
            self._check_html(given.html)
            document = Document("the HTML given", html=given.html)
        else:
            assert given.url is not None
            try:
                check_url(given.url)
            except FetchError as exc:
                raise ApiError(422, str(exc)) from None
            document = await self._fetch(given.url)
        document.title = given.title or document.title
        document.outlet = given.outlet or document.outlet
        document.published = given.published or document.published
        return lambda: clean_document(document)

    def _check_html(self, html: str) -> None:
        """Refuse a page with far more text than the longest article allowed, before it is
        extracted: extraction time grows faster than the page, and it holds the worker."""
        chars = text_chars(html)
        if chars > HTML_TEXT_FACTOR * self.limits.max_chars:
            raise InputTooLargeError(
                f"the HTML given holds about {chars:,} characters of text, more than {HTML_TEXT_FACTOR} times "
                f"this server's article limit of {self.limits.max_chars:,}"
            )

    def _check_chars(self, chars: int) -> None:
        if chars > self.limits.max_chars:
            raise InputTooLargeError(
                f"the text has {chars:,} characters, more than this server's limit of {self.limits.max_chars:,}"
            )

    async def _fetch(self, url: str) -> Document:
        allow_private = self.access.allow_private_urls
        limits = self.limits

        def fetch() -> Document:
            return fetch_document(
                url,
                timeout=limits.fetch_timeout,
                max_bytes=limits.fetch_max_bytes,
                allow_private=allow_private,
                resolver=self.resolver,
            )

        if self._fetcher is None:
            self._fetcher = ThreadPoolExecutor(2, thread_name_prefix="accordingto-fetch")
        future = asyncio.get_running_loop().run_in_executor(self._fetcher, fetch)
        try:
            # the fetcher keeps its own time limit; this one also covers name resolution
            return await asyncio.wait_for(future, limits.fetch_timeout + 5)
        except asyncio.TimeoutError:
            raise ApiError(504, f"fetching {url[:200]} took more than {limits.fetch_timeout:g} s") from None
        except PrivateAddressError as exc:
            raise ApiError(403, str(exc)) from None
