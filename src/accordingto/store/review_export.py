"""Reviewed articles as gold: BRAT standoff laid out like PolNeAR, and JSON Lines.

BRAT (what ``accordingto eval --gold DIR`` reads, :mod:`accordingto.evaluate.brat`)::

    DIR/text/<name>.txt                   the article text, exactly (the offsets index it)
    DIR/attributions/<name>_review.ann    one event per attribution of the reviewed map
    DIR/metadata.tsv                      name, article id, outlet, date, title, analysis, review

An ``.ann`` holds, per attribution, text-bound ``Source`` (its source mention), ``Cue`` and
``Content`` annotations (a discontinuous content is ``start end;start end``; a span that
crosses a line break is split there, as BRAT does, which changes no score: line breaks are
whitespace), an ``Attribution`` trigger on the cue, and the event
``E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1`` (a role left out when the attribution
has none). An ``AnnotatorNotes`` line on the Source names the source entity
(``S2 Ines Calloway (person, named)``); readers of PolNeAR ignore it.

``<name>`` is the article id when it is a safe file name, else a safe form of it with a
short hash of the id (so that two ids never share a name).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from accordingto.models import Analysis, Span
from accordingto.store.review_map import ReviewedMap

ANNOTATOR = "review"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
METADATA_COLUMNS = (
    "name",
    "article_id",
    "outlet",
    "published",
    "title",
    "analysis_version",
    "status",
    "revision",
    "edits",
    "reviewers",
    "attributions",
    "rejected",
    "added",
    "stale",
)


@dataclass(slots=True)
class ExportCounts:
    """What an export wrote: articles, attributions, and the stale edits it could not apply
    (article id -> how many)."""

    articles: int = 0
    attributions: int = 0
    stale: dict[str, int] = field(default_factory=dict)


def file_name(article_id: str, used: set[str]) -> str:
    """A file name for an article, unique among ``used`` (which it joins)."""
    safe = _UNSAFE.sub("_", article_id).strip("._")[:120] or "article"
    name = safe
    if safe != article_id or safe.casefold() in used:
        name = f"{safe}-{hashlib.sha256(article_id.encode('utf-8')).hexdigest()[:8]}"
    used.add(name.casefold())
    return name


def fragments(text: str, spans: Iterable[Span]) -> list[tuple[int, int]]:
    """The spans as BRAT fragments: split at line breaks, whitespace-only pieces left out."""
    found = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        start = span.start
        for piece in re.split(r"(\r\n|\r|\n)", text[span.start : span.end]):
            end = start + len(piece)
            if piece.strip() and piece not in ("\n", "\r", "\r\n"):
                found.append((start, end))
            start = end
    return found


def _line(ident: str, label: str, text: str, frags: list[tuple[int, int]]) -> str:
    ranges = ";".join(f"{s} {e}" for s, e in frags)
    shown = " ".join(text[s:e] for s, e in frags).replace("\t", " ")
    return f"{ident}\t{label} {ranges}\t{shown}"


def ann_text(analysis: Analysis) -> str:
    """The ``.ann`` of an analysis: its attributions in text order."""
    text = analysis.article.text
    sources = {s.id: s for s in analysis.sources}
    lines: list[str] = []
    n_text = n_event = n_note = 0

    def textbound(label: str, frags: list[tuple[int, int]]) -> str:
        nonlocal n_text
        n_text += 1
        lines.append(_line(f"T{n_text}", label, text, frags))
        return f"T{n_text}"

    for attribution in sorted(analysis.attributions, key=lambda a: (a.start, a.end, a.id)):
        content = fragments(text, attribution.content)
        if not content:
            continue
        mention = attribution.source_mention
        source_role = None
        if mention is not None and fragments(text, [mention]):
            source_role = textbound("Source", fragments(text, [mention]))
            source = sources.get(attribution.source or "")
            if source is not None:
                n_note += 1
                named = "named" if source.named else "anonymous"
                name = " ".join(source.name.split())
                lines.append(f"#{n_note}\tAnnotatorNotes {source_role}\t{source.id} {name} ({source.kind}, {named})")
        cue = fragments(text, [attribution.cue]) if attribution.cue is not None else []
        cue_role = textbound("Cue", cue) if cue else None
        roles = [f"Content:{textbound('Content', content)}"]
        roles += [f"Cue:{cue_role}"] if cue_role else []
        roles += [f"Source:{source_role}"] if source_role else []
        trigger = textbound("Attribution", cue or content[:1])
        n_event += 1
        lines.append(f"E{n_event}\tAttribution:{trigger} {' '.join(roles)}")
    return "".join(f"{line}\n" for line in lines)


def _cell(value: object) -> str:
    return "" if value is None else " ".join(str(value).split())


def write_brat(folder: Path, maps: Iterable[ReviewedMap]) -> ExportCounts:
    """Write the reviewed maps into ``folder`` (which must exist) as BRAT standoff."""
    texts, anns = folder / "text", folder / "attributions"
    texts.mkdir()
    anns.mkdir()
    counts = ExportCounts()
    used: set[str] = set()
    rows = ["\t".join(METADATA_COLUMNS)]
    for reviewed in maps:
        analysis = reviewed.analysis
        article = analysis.article
        name = file_name(article.id, used)
        with (texts / f"{name}.txt").open("w", encoding="utf-8", newline="") as handle:
            handle.write(article.text)
        (anns / f"{name}_{ANNOTATOR}.ann").write_text(ann_text(analysis), encoding="utf-8", newline="")
        progress = reviewed.progress()
        reviewers = list(dict.fromkeys(e.reviewer for e in reviewed.active_edits))
        values = (
            name,
            article.id,
            article.outlet,
            article.published,
            article.title,
            analysis.analysis_version,
            reviewed.status,
            reviewed.revision,
            len(reviewed.active_edits),
            "|".join(reviewers),
            progress["attributions"],
            progress["rejected"],
            progress["added"],
            progress["stale"],
        )
        rows.append("\t".join(_cell(v) for v in values))
        counts.articles += 1
        counts.attributions += len(analysis.attributions)
        if reviewed.stale:
            counts.stale[article.id] = len(reviewed.stale)
    (folder / "metadata.tsv").write_text("".join(f"{row}\n" for row in rows), encoding="utf-8")
    return counts


def reviewed_record(reviewed: ReviewedMap) -> dict[str, object]:
    """One JSON Lines record: the reviewed analysis (schema accordingto/1, so
    ``Analysis.from_dict`` reads it) with a ``review`` object: status, revision, progress, the
    marks, what the review took out, the stale edits and the whole edit history."""
    whole = reviewed.to_dict()
    review = {k: v for k, v in whole.items() if k != "analysis"}
    review["history"] = reviewed.history()
    return {**reviewed.analysis.to_dict(), "review": review}


def write_jsonl(maps: Iterable[ReviewedMap], out: IO[bytes]) -> ExportCounts:
    counts = ExportCounts()
    for reviewed in maps:
        line = json.dumps(reviewed_record(reviewed), ensure_ascii=False)
        out.write(line.encode("utf-8") + b"\n")
        counts.articles += 1
        counts.attributions += len(reviewed.analysis.attributions)
        if reviewed.stale:
            counts.stale[reviewed.machine.article.id] = len(reviewed.stale)
    return counts
