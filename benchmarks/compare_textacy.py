"""accordingto and textacy's direct_quotations on the same gold articles, one run.

    python benchmarks/compare_textacy.py [--gold ../shared/data/polnear/dev]

Both are scored with the metric of `accordingto eval` (issue 2). textacy's
`direct_quotations(doc)` gives (speaker, cue, content) triples: the content span becomes
the content, the cue tokens the cue, the speaker tokens the source mention. Both run on the
same spaCy pipeline (en_core_web_sm 3.8.0). Where textacy raises on an article (it does on
an odd number of quotation marks), that article counts with no predictions and the
raise is counted. Needs textacy (``make bench-compare`` installs it from
requirements/bench-lock.txt).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from _common import DEFAULT_GOLD

from accordingto.analyze.analyzer import Analyzer
from accordingto.evaluate.brat import read_gold
from accordingto.evaluate.metrics import Item, Scoreboard, score_article
from accordingto.evaluate.runner import analyse_parsed, gold_items, parse_gold, prediction_items
from accordingto.settings import Settings

COLUMNS = ("content_f1", "source_acc", "e2e_f1")


def textacy_items(doc: object) -> list[Item]:
    from textacy.extract.triples import direct_quotations

    items = []
    for speaker, cue, content in direct_quotations(doc):  # type: ignore[arg-type,unused-ignore]  # textacy is only in the bench extras
        items.append(
            Item(
                content=((content.start_char, content.end_char),),
                cue=tuple((t.idx, t.idx + len(t.text)) for t in cue),
                source=tuple((t.idx, t.idx + len(t.text)) for t in speaker),
            )
        )
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    args = parser.parse_args()
    try:
        import textacy
    except ImportError:
        raise SystemExit("textacy is not installed: run `make bench-compare`, which installs it") from None

    gold = list(read_gold(args.gold))
    analyzer = Analyzer(Settings())
    ours, theirs = Scoreboard(), Scoreboard()
    raised = 0
    bare = analyzer.nlp
    analyses = analyse_parsed(parse_gold(gold, analyzer), analyzer)
    for article, analysis in zip(gold, analyses, strict=True):
        ours.add(score_article(article.text, gold_items(article), prediction_items(analysis)))
        with bare.select_pipes(disable=[p for p in bare.pipe_names if p.startswith("accordingto")]):
            doc = bare(article.text)
        try:
            predicted = textacy_items(doc)
        except Exception:
            raised += 1
            predicted = []
        theirs.add(score_article(article.text, gold_items(article), predicted))

    print(f"{len(gold)} articles from {args.gold}; accordingto {analyzer.version}; textacy {textacy.__version__}")
    print(f"textacy raised on {raised} of {len(gold)} articles (scored with no predictions)")
    header = f"{'system':12s} {'type':9s} " + " ".join(f"{c:>11s}" for c in COLUMNS)
    print(header)
    for name, board in (("accordingto", ours), ("textacy", theirs)):
        metrics = board.report()["metrics"]
        assert isinstance(metrics, dict)
        for kind in ("direct", "mixed", "indirect", "all"):
            row = metrics[kind]
            print(f"{name:12s} {kind:9s} " + " ".join(f"{row[c]:11.3f}" for c in COLUMNS))


if __name__ == "__main__":
    main()
