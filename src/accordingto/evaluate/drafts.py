"""Annotation drafts -> standoff gold: people annotate with strings, offsets are derived.

Annotating character offsets by hand is slow and error-prone; annotating by copying the
words of the text is neither. A *draft* (JSON) names each attribution's content, cue and
source by their exact words, each source's entity (name, kind, named, title), and the
figures of the text; :func:`anchor` finds each string in the text and returns standoff
records with offsets, or the list of problems (a string not found, one found several
times without saying which).

Draft shape (``gold/README.md`` has the annotation guidelines)::

    {"page": "<id>",
     "entities": {"E1": {"name": "Adam Neumann", "kind": "person", "named": true,
                         "title": "co-founder"}},
     "attributions": [{"content": ["WeWork faces an inquiry"], "cue": "reported",
                       "source": "The New York Times", "entity": "E2", "at": 1}],
     "figures": [{"text": "$47 billion", "value": 47e9, "unit": "USD", "entity": null}]}

A figure's ``entity`` is derived, never typed: the entity of the attribution whose content
holds the figure, or null (the outlet's own voice). ``at`` (1-based) picks the occurrence of
the first content piece when it occurs more than once; later pieces, the cue and the source
are taken nearest to it (``cue_at`` and ``source_at`` force an occurrence). Strings that start
or end with a letter or digit match whole words only, so "he" never matches inside "the".

Run ``python -m accordingto.evaluate.drafts check DRAFT TEXT`` to see every attribution
marked in its sentence, and ``... write DRAFT TEXT OUT_DIR`` to write ``<page>.ann`` and
``<page>.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SOURCE_KINDS = ("person", "group", "organization", "outlet", "document")
Range = tuple[int, int]


@dataclass(slots=True)
class AnchoredAttribution:
    content: list[Range]
    cue: Range | None
    source: Range | None
    entity: str | None


@dataclass(slots=True)
class AnchoredFigure:
    start: int
    end: int
    value: float | list[float] | None
    unit: str | None
    entity: str | None


@dataclass(slots=True)
class Anchored:
    page: str
    text_sha256: str
    attributions: list[AnchoredAttribution] = field(default_factory=list)
    figures: list[AnchoredFigure] = field(default_factory=list)
    entities: dict[str, dict[str, Any]] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def occurrences(text: str, needle: str) -> list[Range]:
    """Every place ``needle`` occurs, on word boundaries where it starts or ends with a word character."""
    if not needle:
        return []
    pattern = re.escape(needle)
    if needle[0].isalnum():
        pattern = r"(?<![\w])" + pattern
    if needle[-1].isalnum():
        pattern += r"(?![\w])"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def _distance(a: Range, b: Range) -> int:
    if a[1] <= b[0]:
        return b[0] - a[1]
    if b[1] <= a[0]:
        return a[0] - b[1]
    return 0


def _overlaps(a: Range, spans: list[Range]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _pick(text: str, needle: str, near: list[Range], at: int | None, what: str, problems: list[str]) -> Range | None:
    """The occurrence of ``needle`` asked for (``at``), or the one nearest ``near`` outside it."""
    found = occurrences(text, needle)
    if not found:
        problems.append(f"{what} {needle!r} is not in the text")
        return None
    if at is not None:
        if not 1 <= at <= len(found):
            problems.append(f"{what} {needle!r} occurs {len(found)} times; at={at} is out of range")
            return None
        return found[at - 1]
    if not near:
        if len(found) > 1:
            problems.append(f"{what} {needle!r} occurs {len(found)} times: say which with at=1..{len(found)}")
            return None
        return found[0]
    outside = [r for r in found if not _overlaps(r, near)] or found
    return min(outside, key=lambda r: min(_distance(r, n) for n in near))


def _anchor_attribution(text: str, n: int, row: dict[str, Any], problems: list[str]) -> AnchoredAttribution | None:
    pieces = row.get("content") or []
    if isinstance(pieces, str):
        pieces = [pieces]
    if not pieces:
        problems.append(f"attribution {n}: no content")
        return None
    first = _pick(text, pieces[0], [], row.get("at"), f"attribution {n} content", problems)
    if first is None:
        return None
    content = [first]
    for piece in pieces[1:]:
        rng = _pick(text, piece, content, None, f"attribution {n} content", problems)
        if rng is not None:
            content.append(rng)
    cue = source = None
    if row.get("cue"):
        cue = _pick(text, row["cue"], content, row.get("cue_at"), f"attribution {n} cue", problems)
    if row.get("source"):
        near = [cue] if cue is not None else content
        source = _pick(text, row["source"], near, row.get("source_at"), f"attribution {n} source", problems)
        if source is not None and _overlaps(source, content) and row.get("source_at") is None:
            problems.append(f"attribution {n}: source {row['source']!r} lies inside the content")
    return AnchoredAttribution(sorted(content), cue, source, row.get("entity"))


def _check_entities(entities: dict[str, Any], problems: list[str]) -> None:
    for ident, ent in entities.items():
        if ent.get("kind") not in SOURCE_KINDS:
            problems.append(f"entity {ident}: kind {ent.get('kind')!r} is not one of {', '.join(SOURCE_KINDS)}")
        if not isinstance(ent.get("named"), bool):
            problems.append(f"entity {ident}: named must be true or false")
        if not ent.get("name"):
            problems.append(f"entity {ident}: no name")


def anchor(draft: dict[str, Any], text: str) -> Anchored:
    """Offsets for every string of ``draft`` in ``text``; ``problems`` lists what failed."""
    result = Anchored(page=str(draft.get("page", "")), text_sha256=text_hash(text))
    result.entities = dict(draft.get("entities") or {})
    result.meta = {k: draft[k] for k in ("genre", "split", "url", "notes") if k in draft}
    _check_entities(result.entities, result.problems)
    for n, row in enumerate(draft.get("attributions") or [], start=1):
        attr = _anchor_attribution(text, n, row, result.problems)
        if attr is None:
            continue
        if attr.entity is not None and attr.entity not in result.entities:
            result.problems.append(f"attribution {n}: entity {attr.entity!r} is not defined")
        if attr.source is None and attr.entity is not None and row.get("source"):
            continue
        result.attributions.append(attr)
    for n, row in enumerate(draft.get("figures") or [], start=1):
        rng = _pick(text, str(row.get("text", "")), [], row.get("at"), f"figure {n}", result.problems)
        if rng is None:
            continue
        result.figures.append(AnchoredFigure(rng[0], rng[1], row.get("value"), row.get("unit"), None))
    for fig in result.figures:
        fig.entity = _stating_entity(fig, result.attributions)
    return result


def _stating_entity(fig: AnchoredFigure, attributions: list[AnchoredAttribution]) -> str | None:
    """A figure's source by definition: the entity of the attribution whose content holds it."""
    for attr in attributions:
        if any(s <= fig.start and fig.end <= e for s, e in attr.content):
            return attr.entity
    return None


# ----------------------------------------------------------------------------- output
def to_ann(anchored: Anchored) -> str:
    """BRAT standoff of the attributions (offsets only: no article text in the file)."""
    lines: list[str] = []
    t = 0

    def textbound(label: str, spans: list[Range]) -> str:
        nonlocal t
        t += 1
        lines.append(f"T{t}\t{label} {';'.join(f'{s} {e}' for s, e in spans)}\t")
        return f"T{t}"

    for n, attr in enumerate(anchored.attributions, start=1):
        args = [f"Content:{textbound('Content', attr.content)}"]
        if attr.cue is not None:
            args.append(f"Cue:{textbound('Cue', [attr.cue])}")
        if attr.source is not None:
            args.append(f"Source:{textbound('Source', [attr.source])}")
        lines.append(f"E{n}\tAttribution:{args[0].split(':')[1]} {' '.join(args)}")
    return "\n".join(lines) + "\n"


def to_sidecar(anchored: Anchored) -> dict[str, Any]:
    """Everything BRAT does not hold: entities (with their source mentions), figures, the text hash."""
    mentions: dict[str, list[list[int]]] = {k: [] for k in anchored.entities}
    for attr in anchored.attributions:
        if attr.entity in mentions and attr.source is not None:
            span = [attr.source[0], attr.source[1]]
            if span not in mentions[attr.entity]:
                mentions[attr.entity].append(span)
    return {
        "page": anchored.page,
        "text_sha256": anchored.text_sha256,
        **anchored.meta,
        "attributions": [{"event": f"E{n}", "entity": a.entity} for n, a in enumerate(anchored.attributions, start=1)],
        "entities": {k: {**v, "mentions": sorted(mentions[k])} for k, v in anchored.entities.items()},
        "figures": [
            {"start": f.start, "end": f.end, "value": f.value, "unit": f.unit, "entity": f.entity}
            for f in anchored.figures
        ],
    }


def show(anchored: Anchored, text: str) -> str:
    """Each attribution in its context: «content», [cue], {source} -> entity."""
    out = []
    for n, attr in enumerate(anchored.attributions, start=1):
        marks: list[tuple[int, str]] = []
        for s, e in attr.content:
            marks += [(s, "«"), (e, "»")]
        if attr.cue:
            marks += [(attr.cue[0], "["), (attr.cue[1], "]")]
        if attr.source:
            marks += [(attr.source[0], "{"), (attr.source[1], "}")]
        lo = min(p for p, _ in marks)
        hi = max(p for p, _ in marks)
        lo = max(0, text.rfind("\n", 0, lo) + 1)
        nl = text.find("\n", hi)
        hi = len(text) if nl < 0 else nl
        piece = text[lo:hi]
        for pos, mark in sorted(marks, key=lambda m: -m[0]):
            piece = piece[: pos - lo] + mark + piece[pos - lo :]
        ent = anchored.entities.get(attr.entity or "", {})
        out.append(f"A{n} -> {attr.entity} {ent.get('name', '')!r} ({ent.get('kind', '')})\n    {piece}")
    for n, fig in enumerate(anchored.figures, start=1):
        out.append(f"F{n} {text[fig.start : fig.end]!r} value={fig.value} unit={fig.unit} entity={fig.entity}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m accordingto.evaluate.drafts", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=("check", "write"))
    parser.add_argument("draft", type=Path)
    parser.add_argument("text", type=Path)
    parser.add_argument("out", type=Path, nargs="?")
    args = parser.parse_args(argv)
    with args.text.open(encoding="utf-8", newline="") as handle:
        text = handle.read()
    try:
        draft = json.loads(args.draft.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        print(f"{args.draft}: not valid JSON ({exc})", file=sys.stderr)
        return 2
    anchored = anchor(draft, text)
    if args.command == "check":
        print(show(anchored, text))
    for problem in anchored.problems:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    if anchored.problems:
        return 1
    if args.command == "write":
        if args.out is None:
            parser.error("write needs OUT_DIR")
        args.out.mkdir(parents=True, exist_ok=True)
        name = anchored.page or args.text.stem
        (args.out / f"{name}.ann").write_text(to_ann(anchored), encoding="utf-8")
        (args.out / f"{name}.json").write_text(json.dumps(to_sidecar(anchored), indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
