"""accordingto check: a sourcing linter for drafts, before a story is published."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from accordingto.analyze.pipeline import check_model
from accordingto.check import CHECKS, CheckReport, HouseRules, check_analysis, find_house_rules
from accordingto.check.findings import FAIL_ON_CHOICES, SEVERITIES, severity_rank
from accordingto.check.output import finding_lines, sarif, summary_line
from accordingto.cli.analyze import run_outcomes
from accordingto.cli.common import EXIT_OK, EXIT_SOME_FAILED, clean_errors, warn
from accordingto.cli.inputs import (
    analysis_options,
    documents,
    gender_from_names_option,
    input_options,
    with_single_metadata,
)
from accordingto.settings import Settings


def _list_checks() -> None:
    for code in sorted(CHECKS):
        check = CHECKS[code]
        params = ", ".join(f"{k}={v}" for k, v in check.params.items())
        click.echo(f"{code}  {check.severity:<7}  {check.name:<24}  {check.title}" + (f" [{params}]" if params else ""))


class HouseRulesCache:
    """The house rules of each input: --rules for all, else accordingto-check.toml next to
    the input (read once per folder), else the defaults."""

    def __init__(self, given: str | None, fail_on: str | None) -> None:
        self.given = HouseRules.load(given) if given else None
        self.fail_on = fail_on
        self.by_file: dict[Path | None, HouseRules] = {}

    def for_input(self, origin: str) -> HouseRules:
        rules = self.given
        if rules is None:
            path = find_house_rules(origin)
            if path not in self.by_file:
                self.by_file[path] = HouseRules.load(path) if path else HouseRules()
            rules = self.by_file[path]
        if self.fail_on is not None:
            rules = HouseRules(self.fail_on, rules.overrides, rules.origin)
        return rules


def _shown(report: CheckReport, floor: str) -> CheckReport:
    kept = [f for f in report.findings if severity_rank(f.severity) >= severity_rank(floor)]
    return CheckReport(report.article_id, kept, report.fail_on)


@click.command()
@click.argument("inputs", nargs=-1, required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl", "sarif"]),
    default="text",
    show_default=True,
    help="text: file:line:col lines; json: one object (an array for several inputs); jsonl: one line per input; "
    "sarif: SARIF 2.1.0 for code-review and CMS tools.",
)
@click.option(
    "--rules",
    "rules_file",
    default=None,
    metavar="FILE",
    help="House rules (TOML); default: accordingto-check.toml next to the input, if there is one.",
)
@click.option(
    "--fail-on",
    type=click.Choice(list(FAIL_ON_CHOICES)),
    default=None,
    help="Exit 1 when a finding is at or above this severity (default: the house rules', else error).",
)
@click.option(
    "--min-severity",
    type=click.Choice(list(SEVERITIES)),
    default="info",
    show_default=True,
    help="Show only findings at or above this severity (exit status still counts all).",
)
@click.option("--brief", is_flag=True, help="text: one line per finding, without the sentence, why and fix.")
@click.option("--list-checks", is_flag=True, help="List every check (code, default severity, name) and exit.")
@analysis_options
@input_options(timeout_alias=False)
@gender_from_names_option
@clean_errors
def check(
    inputs: tuple[str, ...],
    fmt: str,
    rules_file: str | None,
    fail_on: str | None,
    min_severity: str,
    brief: bool,
    list_checks: bool,
    model: str | None,
    jobs: int,
    gender_from_names: bool,
    title: str | None,
    outlet: str | None,
    input_format: str,
    urls_file: str | None,
    fetch_timeout: float,
    max_bytes: int,
    allow_private_addresses: bool,
) -> None:
    """Check the sourcing of drafts as a standards editor would: anonymous sources with no
    reason given, claims on one unnamed source, unsourced figures, quotations with no
    speaker, "according to reports", loaded verbs for one side, names spelled two ways.
    INPUTS are read as `accordingto analyze` reads them (files, folders, URLs, - for stdin).

    \b
    Examples:
      accordingto check draft.txt
      accordingto check --format sarif drafts/ > findings.sarif
      accordingto check --rules house.toml --fail-on warning draft.txt
      accordingto check --list-checks

    Exit codes: 0 no finding at or above the failing severity (error, unless the house rules
    or --fail-on say otherwise); 1 some finding is, or an input could not be read; 2 usage
    error; 3 the spaCy pipeline is missing. docs/check.md documents every check.
    """
    if list_checks:
        _list_checks()
        sys.exit(EXIT_OK)
    if not inputs and urls_file is None:
        raise click.UsageError("give at least one draft (a file, folder, URL or -) or --urls FILE")
    house = HouseRulesCache(rules_file, fail_on)  # a bad rules file stops here, before any work
    settings = Settings.from_env().with_(model=model, jobs=jobs, gender_from_names=gender_from_names or None)
    stream = documents(
        inputs,
        input_format=input_format,
        urls_file=urls_file,
        fetch_timeout=fetch_timeout,
        max_bytes=max_bytes,
        allow_private_addresses=allow_private_addresses,
    )
    single, items = with_single_metadata(stream, title, outlet)
    check_model(settings.model)
    failed_inputs = seen = 0
    any_failed = False
    reports: list[tuple[str, CheckReport]] = []
    for outcome in run_outcomes(items, settings, jobs):
        seen += 1
        if outcome.analysis is None:
            failed_inputs += 1
            warn(f"error: {outcome.problem()}")
            continue
        report = check_analysis(outcome.analysis, house.for_input(outcome.origin))
        any_failed = any_failed or report.failed
        shown = _shown(report, min_severity)
        if fmt == "text":
            for finding in shown.findings:
                click.echo("\n".join(finding_lines(outcome.origin, finding, details=not brief)))
            click.echo(summary_line(outcome.origin, report))
        elif fmt == "jsonl":
            click.echo(json.dumps({"input": outcome.origin, **shown.to_dict()}, ensure_ascii=False))
        else:
            reports.append((outcome.origin, shown))
    if fmt == "json":
        items_json = [{"input": origin, **r.to_dict()} for origin, r in reports]
        payload: object = items_json[0] if single and len(items_json) == 1 else items_json
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    elif fmt == "sarif":
        click.echo(json.dumps(sarif(reports), ensure_ascii=False, indent=2))
    if failed_inputs:
        warn(f"{failed_inputs} of {seen} inputs could not be checked")
    sys.exit(EXIT_SOME_FAILED if any_failed or failed_inputs else EXIT_OK)
