"""``Corpus``: the Python API of a corpus file, which every corpus command only wraps.

    >>> from accordingto import Corpus
    >>> with Corpus("corpus.db") as corpus:            # created when missing
    ...     corpus.add(analysis)                        # "added" | "replaced" | "unchanged"
    ...     page = corpus.search("red line", filters=corpus.filters(outlet="Reuters"))
    ...     gallant = corpus.find_sources("Gallant")[0]
    ...     said = corpus.statements(gallant.corpus_source_id)
    ...     table = corpus.stats(by="outlet-month")
    ...     trail = corpus.quote_trail("We will not cross that red line")

Writing (``add``, ``remove``, ``export``...) comes from :class:`accordingto.store.Store`; the
read methods here are thin wrappers of the functions in :mod:`accordingto.query`, which take
a ``sqlite3.Connection`` and can be used directly. Every method raises only
:class:`~accordingto.errors.StoreError` subclasses (for the database) and ValueError (for
an argument out of range).

One Corpus may be shared by threads (calls are serialised by SQLite); for reads in parallel,
open one per thread (``Corpus(path, readonly=True)``): WAL lets readers run while a writer writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from accordingto.link.quotes import LINK_THRESHOLD
from accordingto.query import articles as article_queries
from accordingto.query import search as search_queries
from accordingto.query import sources as source_queries
from accordingto.query import stats as stats_queries
from accordingto.query import trail as trail_queries
from accordingto.query import voices as voices_queries
from accordingto.query.filters import Filters
from accordingto.query.records import (
    ArticleSummary,
    AttributionHit,
    Page,
    QuoteTrail,
    SourceSummary,
    StatsRow,
    VoicesRow,
)
from accordingto.query.review import StatsData
from accordingto.store.connection import translated
from accordingto.store.store import Store


def _tuple(value: str | Sequence[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


class Corpus(Store):
    """A corpus of sourcing maps in one SQLite file. See the module docstring."""

    # ----------------------------------------------------------------- filters
    def resolve_source(self, name: str) -> list[str]:
        """Corpus source ids a name designates: the one it names without doubt (an id, a full
        name), else every identity it may mean ("Clinton" -> every Clinton)."""
        found = self.find_sources(name)
        exact = [s.corpus_source_id for s in found if source_queries.is_exact_match(name, s)]
        return exact[:1] if exact else [s.corpus_source_id for s in found]

    def filters(
        self,
        *,
        source: str | Sequence[str] | None = None,
        kind: str | Sequence[str] | None = None,
        named: bool | None = None,
        outlet: str | Sequence[str] | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        type: str | Sequence[str] | None = None,
        gender: str | Sequence[str] | None = None,
        role_class: str | Sequence[str] | None = None,
    ) -> Filters:
        """Filters with source *names* resolved to identities (see :meth:`resolve_source`).
        A name that matches no source keeps nothing. ``gender`` and ``role_class`` are those
        of the source in the article quoting it (see :class:`Filters`)."""
        ids: list[str] = []
        for name in _tuple(source):
            ids += self.resolve_source(name) or [name]  # not an id either: keeps nothing
        return Filters(
            sources=tuple(ids),
            kinds=_tuple(kind),
            named=named,
            outlets=_tuple(outlet),
            since=since,
            until=until,
            types=_tuple(type),
            genders=_tuple(gender),
            role_classes=_tuple(role_class),
        )

    # ----------------------------------------------------------------- queries
    def search(
        self,
        text: str,
        *,
        filters: Filters | None = None,
        mode: search_queries.SearchMode = "words",
        order: search_queries.SearchOrder = "relevance",
        limit: int = 20,
        offset: int = 0,
        with_total: bool = False,
    ) -> Page[AttributionHit]:
        """Full-text search over attribution content (see :mod:`accordingto.query.search`)."""
        with translated(self.path):
            return search_queries.search_attributions(
                self.connection,
                text,
                filters=filters,
                mode=mode,
                order=order,
                limit=limit,
                offset=offset,
                with_total=with_total,
            )

    def sources(
        self,
        *,
        name: str | None = None,
        kind: str | Sequence[str] | None = None,
        named: bool | None = None,
        outlet: str | Sequence[str] | None = None,
        gender: str | Sequence[str] | None = None,
        role_class: str | Sequence[str] | None = None,
        order: source_queries.SourceOrder = "attributions",
        limit: int = 50,
        offset: int = 0,
        with_total: bool = False,
    ) -> Page[SourceSummary]:
        """Sources across the corpus with counts, kinds, roles and outlets quoting them.
        ``gender``: those whose articles agree on that gender; ``role_class``: those one of
        whose articles gives them that role class (see :func:`query.list_sources`)."""
        with translated(self.path):
            return source_queries.list_sources(
                self.connection,
                name=name,
                kinds=_tuple(kind),
                named=named,
                outlets=_tuple(outlet),
                genders=_tuple(gender),
                role_classes=_tuple(role_class),
                order=order,
                limit=limit,
                offset=offset,
                with_total=with_total,
            )

    def find_sources(self, name: str, *, limit: int = 20) -> list[SourceSummary]:
        """Identities a name may mean, the most likely first."""
        with translated(self.path):
            return source_queries.find_sources(self.connection, name, limit=limit)

    def source(self, corpus_source_id: str) -> SourceSummary | None:
        with translated(self.path):
            return source_queries.get_source(self.connection, corpus_source_id)

    def statements(
        self, corpus_source_id: str, *, filters: Filters | None = None, limit: int = 50, offset: int = 0
    ) -> Page[AttributionHit]:
        """Everything one source said, across articles, in date order."""
        with translated(self.path):
            return source_queries.source_statements(
                self.connection, corpus_source_id, filters=filters, limit=limit, offset=offset
            )

    def stats(
        self,
        *,
        by: stats_queries.GroupBy = "outlet-month",
        outlet: str | Sequence[str] | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        top: int = 3,
        voices: bool = True,
        data: StatsData = "machine",
    ) -> list[StatsRow]:
        """Sourcing figures per outlet, per month, or per outlet and month; with ``voices``,
        who gets quoted in each (the figures of :meth:`voices` for the same grouping).
        ``data``: the machine's analysis (the default), the reviewed maps of the articles under
        review only, or both (see :mod:`accordingto.query.review`); each row says which."""
        with translated(self.path):
            return stats_queries.corpus_stats(
                self.connection,
                by=by,
                outlets=_tuple(outlet),
                since=since,
                until=until,
                top=top,
                voices=voices,
                data=data,
            )

    def voices(
        self,
        *,
        by: voices_queries.VoicesBy = "outlet",
        outlet: str | Sequence[str] | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        data: StatsData = "machine",
    ) -> list[VoicesRow]:
        """Who gets quoted: people by gender and attributions by role class, per group, on
        ``data`` (machine, reviewed or both, as :meth:`stats`)."""
        with translated(self.path):
            return voices_queries.who_is_quoted(
                self.connection, by=by, outlets=_tuple(outlet), since=since, until=until, data=data
            )

    def quote_trail(
        self,
        text: str | None = None,
        *,
        attribution_id: str | None = None,
        threshold: float = LINK_THRESHOLD,
        limit: int = 500,
    ) -> QuoteTrail:
        """Who published a quote first, who repeated it, and whether they credited the first."""
        with translated(self.path):
            return trail_queries.quote_trail(
                self.connection, text, attribution_id=attribution_id, threshold=threshold, limit=limit
            )

    def articles(
        self,
        *,
        outlet: str | Sequence[str] | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        order: article_queries.ArticleOrder = "-date",
        limit: int = 50,
        offset: int = 0,
        with_total: bool = False,
    ) -> Page[ArticleSummary]:
        with translated(self.path):
            return article_queries.list_articles(
                self.connection,
                outlets=_tuple(outlet),
                since=since,
                until=until,
                order=order,
                limit=limit,
                offset=offset,
                with_total=with_total,
            )

    def article(self, article_id: str) -> ArticleSummary | None:
        with translated(self.path):
            return article_queries.get_article_summary(self.connection, article_id)
