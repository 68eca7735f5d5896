"""Read attribution gold in BRAT standoff, laid out like PolNeAR.

A gold folder holds ``text/<article>.txt`` and ``attributions/<article>_<annotator>.ann``;
where several annotators did one article the lexicographically first ``.ann`` is used.
Text-bound lines look like ``T5<TAB>Source 112 135<TAB>...`` (discontinuous spans are
``10 20;25 40``) and attribution events like ``E2<TAB>Attribution:T8 Content:T7 Cue:T6
Source:T5``; a role may be missing and ``Content2`` adds content.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from accordingto.clean import CleanArticle
from accordingto.errors import GoldError

CharSpans = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    content: CharSpans
    cue: CharSpans = ()
    source: CharSpans = ()
    #: the source entity (modern gold only)
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class GoldEntity:
    """A real source of a gold article and the source mentions that are it."""

    id: str
    name: str
    kind: str
    named: bool
    title: str | None
    mentions: CharSpans
    #: a person's gender as the article states it (female, male, nonbinary, unstated), when annotated
    gender: str | None = None
    #: the source's role class, when annotated
    role_class: str | None = None


@dataclass(frozen=True, slots=True)
class GoldFigure:
    start: int
    end: int
    value: float | tuple[float, float] | None
    unit: str | None
    entity: str | None


@dataclass(slots=True)
class GoldArticle:
    name: str
    text: str
    attributions: list[GoldAttribution] = field(default_factory=list)
    #: the cleaned article the gold was made on (HTML pages); None: analyse ``text`` as it is
    cleaned: CleanArticle | None = None
    entities: list[GoldEntity] | None = None
    figures: list[GoldFigure] | None = None
    split: str | None = None
    genre: str | None = None


def _parse_spans(ranges: str) -> CharSpans:
    spans = []
    for part in ranges.split(";"):
        start, end = part.split()
        spans.append((int(start), int(end)))
    return tuple(spans)


def parse_ann(ann: str) -> list[GoldAttribution]:
    """Attributions of one ``.ann`` file; events without content are skipped."""
    textbound: dict[str, CharSpans] = {}
    events: list[dict[str, list[str]]] = []
    for line in ann.splitlines():
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        ident, body = cols[0], cols[1]
        if ident.startswith("T"):
            label, _, ranges = body.partition(" ")
            if label and ranges:
                textbound[ident] = _parse_spans(ranges)
        elif ident.startswith("E"):
            roles: dict[str, list[str]] = {}
            for arg in body.split()[1:]:
                role, _, target = arg.partition(":")
                roles.setdefault(role.rstrip("0123456789"), []).append(target)
            events.append(roles)
    gold = []
    for roles in events:
        content = tuple(sorted(s for t in roles.get("Content", []) for s in textbound.get(t, ())))
        if not content:
            continue
        gold.append(
            GoldAttribution(
                content=content,
                cue=tuple(s for t in roles.get("Cue", []) for s in textbound.get(t, ())),
                source=tuple(s for t in roles.get("Source", []) for s in textbound.get(t, ())),
            )
        )
    return gold


def _read_exact(path: Path) -> str:
    """The file's text with its line endings untouched, as BRAT offsets expect."""
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def first_annotations(folder: Path) -> dict[str, Path]:
    """Article name -> its lexicographically first ``.ann`` file."""
    chosen: dict[str, Path] = {}
    for ann in sorted(folder.glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        chosen.setdefault(name, ann)
    return chosen


def read_gold(folder: Path | str, *, limit: int | None = None) -> Iterator[GoldArticle]:
    """Every annotated article of a gold folder, in name order."""
    root = Path(folder)
    texts, anns = root / "text", root / "attributions"
    if not texts.is_dir() or not anns.is_dir():
        raise GoldError(f"{root} has no text/ and attributions/ folders")
    chosen = first_annotations(anns)
    if not chosen:
        raise GoldError(f"{anns} holds no .ann files")
    for count, (name, ann) in enumerate(sorted(chosen.items())):
        if limit is not None and count >= limit:
            return
        txt = texts / f"{name}.txt"
        if not txt.is_file():
            raise GoldError(f"{ann.name} has no text file {txt}")
        yield GoldArticle(
            name=name,
            text=_read_exact(txt),
            attributions=parse_ann(ann.read_text(encoding="utf-8")),
        )
