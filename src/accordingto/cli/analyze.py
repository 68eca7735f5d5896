"""accordingto analyze: sourcing maps of articles, as a report, JSON or JSON Lines."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator

import click
from rich.console import Console

from accordingto.analyze.pipeline import check_model
from accordingto.cli.common import EXIT_OK, EXIT_SOME_FAILED, clean_errors, progress_reporter, warn
from accordingto.cli.inputs import (
    analysis_options,
    documents,
    gender_from_names_option,
    input_options,
    with_single_metadata,
)
from accordingto.distributed.partition import Outcome, analyze_documents, analyze_parallel
from accordingto.ingest import Document, InputFailure
from accordingto.report import render
from accordingto.settings import Settings

PROGRESS_THRESHOLD = 3


def run_outcomes(items: Iterator[Document | InputFailure], settings: Settings, jobs: int) -> Iterator[Outcome]:
    """Outcomes in input order: in this process, or in ``jobs`` worker processes."""
    if jobs > 1:
        yield from analyze_parallel(items, settings, jobs=jobs)
        return
    from accordingto.analyze.analyzer import Analyzer

    yield from analyze_documents(items, Analyzer(settings))


def failure_line(outcome: Outcome) -> str:
    return f"error: {outcome.problem()}"


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
@analysis_options
@click.option("--max-chars", type=click.IntRange(1), default=None, help="Refuse longer texts (default 2,000,000).")
@click.option("--no-progress", is_flag=True, help="No progress bar on stderr.")
@click.option("--disable-rule", "disabled", multiple=True, help="A rule id to switch off (accordingto rules).")
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help="text: also show attributions below confidence 0.5 (hidden by default; json keeps all).",
)
@input_options(timeout_alias=True)
@gender_from_names_option
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
    disabled: tuple[str, ...],
    show_all: bool,
    gender_from_names: bool,
    input_format: str,
    urls_file: str | None,
    fetch_timeout: float,
    max_bytes: int,
    allow_private_addresses: bool,
) -> None:
    """Analyse articles: every attribution, who it is attributed to, the figures and the
    sourcing profile. INPUTS are text or HTML files (.gz too), JSONL files (a "text" or
    "html" field per line), WARC/WARC.gz files, RSS/Atom/JSON feeds, http(s) URLs,
    folders (searched recursively), glob patterns, or - for stdin. The kind of each
    input is detected; --input-format forces one. URLs, feed entries and --urls lists
    are fetched a few at a time, politely, within --fetch-timeout and --max-bytes; a feed's
    links only from public addresses unless --allow-private-addresses.

    \b
    Examples:
      accordingto analyze article.txt
      accordingto analyze --format json article.txt > map.json
      cat article.txt | accordingto analyze --format jsonl -
      accordingto analyze --jobs 2 --format jsonl articles/ > maps.jsonl
      accordingto analyze saved-page.html https://example.com/news/story.html
      accordingto analyze --urls urls.txt --fetch-timeout 10 --format jsonl > maps.jsonl
      accordingto analyze https://example.com/feed.xml
      accordingto analyze --format jsonl crawl.warc.gz export.jsonl 'pages/**/*.html'
      curl -s https://example.com/story | accordingto analyze --input-format html -

    Exit codes: 0 all inputs analysed; 1 some could not be (each is named on stderr,
    the others are still analysed); 2 usage error; 3 the spaCy pipeline is missing.
    """
    settings = (
        Settings.from_env()
        .with_(model=model, max_chars=max_chars, jobs=jobs, disabled_rules=disabled or None)
        .with_(gender_from_names=gender_from_names or None)
    )
    if not inputs and urls_file is None:
        raise click.UsageError("give at least one input (a file, folder, URL or -) or --urls FILE")
    stream = documents(
        inputs,
        input_format=input_format,
        urls_file=urls_file,
        fetch_timeout=fetch_timeout,
        max_bytes=max_bytes,
        allow_private_addresses=allow_private_addresses,
    )
    single, items = with_single_metadata(stream, title, outlet)
    check_model(settings.model)  # one clear line, before any work, when the pipeline is missing
    failures = seen = 0
    results: list[dict[str, object]] = []
    console = Console(file=sys.stdout)
    with progress_reporter("analysing", enabled=not no_progress, after=PROGRESS_THRESHOLD) as advance:
        for outcome in run_outcomes(items, settings, jobs):
            seen += 1
            advance()
            if outcome.analysis is None:
                failures += 1
                warn(failure_line(outcome))
                continue
            data = outcome.analysis.to_dict()
            if fmt == "jsonl":
                sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
                sys.stdout.flush()
            elif fmt == "json":
                results.append(data)
            else:
                if not single:
                    console.rule(outcome.origin)
                render(outcome.analysis, console, show_all=show_all)
    if fmt == "json":
        payload: object = results[0] if single and len(results) == 1 else results
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    if failures:
        warn(f"{failures} of {seen} inputs could not be analysed")
        sys.exit(EXIT_SOME_FAILED)
    sys.exit(EXIT_OK)
