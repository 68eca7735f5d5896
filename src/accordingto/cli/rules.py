"""accordingto rules: the rules of the analysis, with their ids, stages and purposes."""

from __future__ import annotations

import json

import click

from accordingto.cli.common import clean_errors


@click.command("rules")
@click.option("--stage", default=None, help="Only the rules of this stage (cue, frame, trim, policy, resolve...).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="text: one line per rule; json: every field; markdown: the page docs/rules.md is made from.",
)
@clean_errors
def rules(stage: str | None, fmt: str) -> None:
    """List the rules of the analysis: id, stage, order and what each does. Any id can be
    switched off with --disable-rule (analyze, eval) or ACCORDINGTO_DISABLE_RULES.

    \b
    Examples:
      accordingto rules
      accordingto rules --stage trim
      accordingto rules --format markdown > docs/rules.md
    """
    from accordingto.analyze.ruledocs import rule_rows, rules_markdown

    if fmt == "markdown":
        click.echo(rules_markdown(), nl=False)
        return
    rows = [r for r in rule_rows() if stage is None or r["stage"] == stage]
    if not rows:
        raise click.UsageError(f"no rule has stage {stage!r}; `accordingto rules` lists them all")
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        click.echo(f"{row['id']:<34} {row['stage']:<9} {row['purpose']}")
