"""Save the analysis of a fixed set of texts, and compare two saved snapshots.

A change to the analysis should change no result by accident. Before it, save a snapshot;
after it, save another and compare: every attribution, source and claim that differs is
listed, so each difference is either intended (and reported) or a bug.

    python benchmarks/snapshot.py save before.jsonl            # PolNeAR dev + the project's fixtures
    python benchmarks/snapshot.py save after.jsonl --gold ../shared/data/polnear/train
    python benchmarks/snapshot.py diff before.jsonl after.jsonl [--show 20]

Gold texts are analysed as ``accordingto eval`` reads them (no cleaning); the project's
fixture texts as ``accordingto analyze`` does (cleaned).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT.parent / "shared" / "data" / "polnear" / "dev"
SEED = ROOT.parent / "shared" / "seed"


def _texts(gold: Path) -> Iterator[tuple[str, str, bool]]:
    """(name, text, clean it) of every text of the snapshot."""
    for path in sorted((gold / "text").glob("*.txt")):
        with path.open(encoding="utf-8", newline="") as handle:
            yield f"gold/{path.stem}", handle.read(), False
    own = [ROOT / "examples" / "sample_article.txt", *sorted((ROOT / "tests" / "fixtures" / "texts").glob("*.txt"))]
    own += sorted(SEED.glob("*.txt"))
    for path in own:
        yield f"own/{path.name}", path.read_text(encoding="utf-8"), True


def _comparable(record: dict[str, Any]) -> dict[str, Any]:
    """What a snapshot compares: attributions, sources and claims (not versions or provenance)."""
    attributions = []
    for attr in record["attributions"]:
        attributions.append({k: v for k, v in attr.items() if k != "rules"})
    sources = [{k: v for k, v in s.items() if k != "rules"} for s in record["sources"]]
    return {"attributions": attributions, "sources": sources, "claims": record["claims"]}


def save(out: Path, gold: Path) -> None:
    from accordingto.analyze.analyzer import Analyzer, Job
    from accordingto.clean import CleanArticle, clean_text

    analyzer = Analyzer()
    items = list(_texts(gold))
    jobs = (Job(clean_text(text) if clean else CleanArticle(text=text), name) for name, text, clean in items)
    with out.open("w", encoding="utf-8") as handle:
        for (name, _, _), analysis in zip(items, analyzer.analyze_many(jobs), strict=True):
            row = {"name": name, **_comparable(analysis.to_dict())}
            handle.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{len(items)} texts -> {out} ({analyzer.version})")


def _load(path: Path) -> dict[str, dict[str, Any]]:
    return {row["name"]: row for row in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def _key(attr: dict[str, Any]) -> tuple[int, int]:
    return attr["content"][0]["start"], attr["content"][-1]["end"]


def diff(before_path: Path, after_path: Path, show: int) -> int:
    before, after = _load(before_path), _load(after_path)
    changed = 0
    shown = 0
    totals = {"attributions": [0, 0], "sources": [0, 0], "claims": [0, 0]}
    for name in sorted(set(before) | set(after)):
        b, a = before.get(name), after.get(name)
        if b is None or a is None:
            print(f"{name}: only in {'after' if b is None else 'before'}")
            changed += 1
            continue
        for part in totals:
            totals[part][0] += len(b[part])
            totals[part][1] += len(a[part])
        if b == a:
            continue
        changed += 1
        if shown >= show:
            continue
        shown += 1
        print(f"== {name}")
        _diff_attributions(b["attributions"], a["attributions"])
        if b["sources"] != a["sources"]:
            print(f"   sources differ ({len(b['sources'])} -> {len(a['sources'])})")
            _diff_list(b["sources"], a["sources"], lambda s: (s["name"], s["kind"], s["named"]))
        if b["claims"] != a["claims"]:
            print(f"   claims differ ({len(b['claims'])} -> {len(a['claims'])})")
            _diff_list(b["claims"], a["claims"], lambda c: (c["text"], c["value"], c["unit"], c["source"]))
    for part, (nb, na) in totals.items():
        print(f"{part}: {nb} -> {na}")
    print(f"{changed} of {len(set(before) | set(after))} texts differ")
    return 1 if changed else 0


def _diff_attributions(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> None:
    by_b = {_key(x): x for x in before}
    by_a = {_key(x): x for x in after}
    for key in sorted(set(by_b) | set(by_a)):
        x, y = by_b.get(key), by_a.get(key)
        if x == y:
            continue
        if x is None:
            assert y is not None
            print(f"   + {y['type']:<9} {_short(y)}")
        elif y is None:
            print(f"   - {x['type']:<9} {_short(x)}")
        else:
            fields = sorted(k for k in set(x) | set(y) if x.get(k) != y.get(k))
            print(f"   ~ {_short(y)}  [{', '.join(fields)}]")
            for f in fields:
                print(f"       {f}: {_brief(x.get(f))}  ->  {_brief(y.get(f))}")


def _diff_list(before: list[Any], after: list[Any], key: Any) -> None:
    kb = [key(x) for x in before]
    ka = [key(x) for x in after]
    for k in kb:
        if k not in ka:
            print(f"     - {k}")
    for k in ka:
        if k not in kb:
            print(f"     + {k}")


def _short(attr: dict[str, Any]) -> str:
    text = " ".join(s["text"] for s in attr["content"])
    cue = attr["cue"]["text"] if attr.get("cue") else None
    src = attr["source_mention"]["text"] if attr.get("source_mention") else None
    return f"{cue!r} ({src!r}): {text[:90]!r}"


def _brief(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) < 160 else text[:157] + "..."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p_save = sub.add_parser("save", help="analyse the snapshot texts and save the results")
    p_save.add_argument("out", type=Path)
    p_save.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    p_diff = sub.add_parser("diff", help="list what differs between two snapshots")
    p_diff.add_argument("before", type=Path)
    p_diff.add_argument("after", type=Path)
    p_diff.add_argument("--show", type=int, default=20, help="texts to show in full")
    args = parser.parse_args(argv)
    if args.command == "save":
        save(args.out, args.gold)
        return 0
    return diff(args.before, args.after, args.show)


if __name__ == "__main__":
    sys.exit(main())
