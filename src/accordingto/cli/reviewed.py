"""``accordingto export --reviewed``: the reviewed articles as gold (BRAT) or JSON Lines.

Only articles under review are written: those with an edit in effect, or marked reviewed.
Each is written as its reviewed map says (docs/review.md); edits that no longer apply to the
current analysis (stale) are not applied, and the command says how many there were.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import click

from accordingto.cli.common import EXIT_SOME_FAILED, fail, warn
from accordingto.query import Corpus
from accordingto.query.review import under_review
from accordingto.store.connection import translated
from accordingto.store.review_export import ExportCounts, write_brat, write_jsonl
from accordingto.store.review_map import ReviewedMap

REVIEWED_FORMATS = ("brat", "jsonl")


def _new_mode(base: int) -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return base & ~umask


def _snapshot(db: Path) -> list[ReviewedMap]:
    """Every reviewed map, read in one transaction (one consistent state, even while reviewers write)."""
    # read-only: no integrity check on open, so export saves what a damaged file still holds
    with Corpus(db, create=False, readonly=True) as corpus, translated(db):
        corpus.connection.execute("BEGIN")
        try:
            return list(under_review(corpus.connection))
        finally:
            corpus.connection.execute("COMMIT")


def _brat(maps: list[ReviewedMap], folder: Path) -> ExportCounts:
    """Write into a new folder beside the target, then rename it: a failed export leaves no half folder."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise click.UsageError(f"{folder} exists and is not an empty folder: give a new folder for the BRAT export")
    parent = folder.resolve().parent
    if not parent.is_dir():
        raise click.UsageError(f"cannot write {folder}: the folder {parent} does not exist")
    temp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=parent))
    try:
        counts = write_brat(temp, maps)
        for path in [temp, *temp.rglob("*")]:
            os.chmod(path, _new_mode(0o777 if path.is_dir() else 0o666))
        os.replace(temp, folder)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return counts


def _jsonl(maps: list[ReviewedMap], output: Path | None) -> ExportCounts:
    if output is None:
        counts = write_jsonl(maps, sys.stdout.buffer)
        sys.stdout.flush()
        return counts
    parent = output.resolve().parent
    if not parent.is_dir():
        raise click.UsageError(f"cannot write {output}: the folder {parent} does not exist")
    handle, temp = tempfile.mkstemp(prefix=f".{output.name}.", dir=parent)
    try:
        with os.fdopen(handle, "wb") as out:
            counts = write_jsonl(maps, out)
        os.chmod(temp, _new_mode(0o666))
        os.replace(temp, output)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return counts


def export_reviewed(db: Path, fmt: str, target: Path | None) -> None:
    """What ``export --reviewed`` does: BRAT into the folder ``target``, or JSON Lines into the
    file ``target`` (standard output without one)."""
    if fmt not in REVIEWED_FORMATS:
        raise click.UsageError("--reviewed exports --format brat (a folder) or --format jsonl")
    if fmt == "brat" and target is None:
        raise click.UsageError(
            "--reviewed --format brat needs the folder to write: accordingto export --reviewed --format brat DIR"
        )
    maps = _snapshot(db)
    if not maps:
        fail(
            "no article is under review (none has an edit in effect or is marked reviewed): nothing exported",
            EXIT_SOME_FAILED,
        )
    assert target is not None or fmt == "jsonl"
    counts = _brat(maps, target) if fmt == "brat" and target is not None else _jsonl(maps, target)
    where = f" to {target}" if target else ""
    warn(f"{counts.articles:,} reviewed articles ({counts.attributions:,} attributions) exported{where} as {fmt}")
    if counts.stale:
        warn(
            f"warning: {sum(counts.stale.values()):,} stale edits in {len(counts.stale):,} articles were not applied "
            "(they no longer fit the current analysis); GET /api/review/stale/<article id> lists them: "
            + ", ".join(sorted(counts.stale)[:5])
        )
