"""accordingto voices: who gets quoted, by gender and role class, per outlet, month, author or
section of a corpus."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import click
from rich.table import Table

from accordingto.cli.common import clean_errors
from accordingto.cli.corpus import data_option, db_option, format_option, outlet_month_options, print_rows
from accordingto.query import Corpus
from accordingto.query.csvrows import VOICES_COLUMNS, voices_cells
from accordingto.query.records import VoicesRow
from accordingto.query.review import StatsData
from accordingto.query.voices import VOICES_BYS, VoicesBy


@click.command()
@db_option
@click.option(
    "--by", type=click.Choice(VOICES_BYS), default="outlet", show_default=True, help="One row per group of articles."
)
@outlet_month_options
@data_option
@format_option(("text", "csv", "json"), "text: a table; csv or json: with every count behind the shares.")
@clean_errors
def voices(
    db: Path, by: str, outlet: tuple[str, ...], since: str | None, until: str | None, data: str, fmt: str
) -> None:
    """Who gets quoted: per outlet, month, author or section, the distinct people quoted, how
    many the text gives as women, men or neither (gender as the journalist wrote it; with
    genders from first names when the corpus was ingested with --gender-from-names, said in
    the basis column), and the attributions by role class of the source. --data reviewed or
    both counts the reviewers' corrections (docs/review.md); every output says which data.

    \b
    Examples:
      accordingto voices --db corpus.db
      accordingto voices --by author --format csv --db corpus.db > authors.csv
      accordingto voices --data both --db corpus.db
    """
    with Corpus(db, create=False) as corpus:
        rows = corpus.voices(by=cast(VoicesBy, by), outlet=outlet, since=since, until=until, data=cast(StatsData, data))
    print_rows(rows, fmt, VOICES_COLUMNS, voices_cells, lambda: _table(rows, by), data=data)


def _table(rows: list[VoicesRow], by: str) -> Table:
    table = Table(title=f"Who gets quoted, by {by}")
    keys = by.split("-")
    for key in keys:
        table.add_column(key)
    reviewed = any(r.reviewed_articles is not None for r in rows)
    names = ("articles", *(("reviewed",) if reviewed else ()), "people", "women", "men", "unknown")
    for name in (*names, "top role classes (attributions)"):
        table.add_column(name, justify="left" if name.startswith("top") else "right")
    for r in rows:
        values = {"outlet": r.outlet, "month": r.month, "author": r.author, "section": r.section}
        top = ", ".join(f"{name} {n}" for name, n in list(r.by_role_class.items())[:3])
        table.add_row(
            *((values[k] or "(unknown)") for k in keys),
            str(r.articles),
            *((str(r.reviewed_articles or 0),) if reviewed else ()),
            str(r.people),
            _count_share(r.by_gender["female"], r.female_share),
            _count_share(r.by_gender["male"], r.male_share),
            _count_share(r.by_gender["unknown"], r.unknown_share),
            top,
        )
    if any(r.basis != "text" for r in rows):
        table.caption = "some genders come from first names (--gender-from-names): see the basis column of --format csv"
    return table


def _count_share(count: int, share: float | None) -> str:
    return f"{count} ({share:.0%})" if share is not None else str(count)
