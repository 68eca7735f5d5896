"""How good is the project's own gold? Agreement with PolNeAR on articles annotated blind.

Before the modern-pages set was annotated, five PolNeAR dev articles were annotated from
their text alone, under gold/README.md, without looking at PolNeAR's annotations; the
result (character offsets only, in a file named by the SHA-256 of the text they index, never by
PolNeAR's own file names) is in gold/agreement/; each article is found in the PolNeAR folder by
that hash.
Scoring those annotations against PolNeAR's with the project's metric, as if they were a
system's output, tells how close the project's annotation is to PolNeAR's::

    python -m accordingto.evaluate.agreement [--polnear ../shared/data/polnear/dev]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from accordingto.errors import GoldError
from accordingto.evaluate.brat import first_annotations, parse_ann
from accordingto.evaluate.metrics import Item, Scoreboard, score_corpus

ROOT = Path(__file__).resolve().parents[3]


def _span(pair: list[int]) -> tuple[int, int]:
    return int(pair[0]), int(pair[1])


def _item(row: dict[str, Any]) -> Item:
    content = tuple(_span(r) for r in row["content"])
    cue = (_span(row["cue"]),) if row.get("cue") else ()
    source = (_span(row["source"]),) if row.get("source") else ()
    return Item(content, cue, source)


def agreement(ours: Path, polnear: Path) -> Scoreboard:
    """Our blind annotations scored against PolNeAR's, article by article."""
    annotations = first_annotations(polnear / "attributions")
    texts = {_sha256(text): (path.stem, text) for path, text in _texts(polnear / "text")}
    items = []
    for path in sorted(ours.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["text_sha256"] not in texts:
            raise GoldError(f"{path}: no article of {polnear} has the text it was annotated on")
        name, text = texts[data["text_sha256"]]
        gold = [Item(g.content, g.cue, g.source) for g in parse_ann(annotations[name].read_text(encoding="utf-8"))]
        items.append((text, gold, [_item(row) for row in data["attributions"]]))
    return score_corpus(items)


def _texts(folder: Path) -> list[tuple[Path, str]]:
    out = []
    for path in sorted(folder.glob("*.txt")):
        with open(path, encoding="utf-8", newline="") as handle:  # offsets count "\r\n" as two characters
            out.append((path, handle.read()))
    return out


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Agreement of gold/agreement with PolNeAR's annotations.")
    parser.add_argument("--polnear", type=Path, default=ROOT.parent / "shared" / "data" / "polnear" / "dev")
    parser.add_argument("--ours", type=Path, default=ROOT / "gold" / "agreement")
    args = parser.parse_args(argv)
    metrics = agreement(args.ours, args.polnear).report()["metrics"]
    assert isinstance(metrics, dict)
    print(f"{len(list(args.ours.glob('*.json')))} PolNeAR dev articles annotated blind, scored against PolNeAR")
    print("type       gold  ours  content P  content R  content F1  e2e F1")
    for kind in ("direct", "mixed", "indirect", "all"):
        m = metrics[kind]
        print(
            f"{kind:9} {m['gold']:5} {m['predicted']:5}  {m['content_p']:9.3f}  {m['content_r']:9.3f}"
            f"  {m['content_f1']:10.3f}  {m['e2e_f1']:6.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
