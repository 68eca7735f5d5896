"""The evaluation metric of issue 2, on hand-made cases."""

from __future__ import annotations

from accordingto.evaluate.brat import parse_ann
from accordingto.evaluate.metrics import Item, content_type, score_article, score_corpus

TEXT = "“We will win,” the mayor said. Officials told reporters that the vote was close, sources said."
#       0         1         2         3         4         5         6         7         8         9


def spans(text: str, piece: str) -> tuple[tuple[int, int], ...]:
    start = TEXT.index(piece)
    return ((start, start + len(piece)),)


def test_types_from_quotation_marks() -> None:
    assert content_type(TEXT, spans(TEXT, "“We will win,”")) == "direct"
    assert content_type(TEXT, spans(TEXT, "that the vote was close")) == "indirect"
    mixed = "He called it “a disgrace” on Friday"
    assert content_type(mixed, ((0, len(mixed)),)) == "mixed"
    assert content_type("''It is over,''", ((0, 15),)) == "direct"


def test_exact_match_counts_everywhere() -> None:
    gold = [Item(spans(TEXT, "“We will win,”"), spans(TEXT, "said"), spans(TEXT, "the mayor"))]
    pred = [Item(spans(TEXT, "We will win"), spans(TEXT, "said"), spans(TEXT, "mayor"))]
    report = score_corpus([(TEXT, gold, pred)]).report()["metrics"]
    assert report["direct"]["content_f1"] == 1.0  # type: ignore[index]
    assert report["direct"]["exact_f1"] == 1.0  # type: ignore[index]
    assert report["all"]["e2e_f1"] == 1.0  # type: ignore[index]


def test_over_long_prediction_cannot_match() -> None:
    gold = [Item(spans(TEXT, "the vote was close"))]
    pred = [Item(((0, len(TEXT)),))]
    score = score_article(TEXT, gold, pred)
    assert score.pairs == []


def test_wrong_source_loses_only_end_to_end() -> None:
    gold = [Item(spans(TEXT, "that the vote was close"), spans(TEXT, "told"), spans(TEXT, "Officials"))]
    pred = [Item(spans(TEXT, "that the vote was close"), spans(TEXT, "told"), spans(TEXT, "sources"))]
    row = score_corpus([(TEXT, gold, pred)]).report()["metrics"]["all"]  # type: ignore[index]
    assert (row["content_f1"], row["source_acc"], row["e2e_f1"]) == (1.0, 0.0, 0.0)


def test_no_gold_source_is_right_only_when_none_is_predicted() -> None:
    gold = [Item(spans(TEXT, "that the vote was close"))]
    right = score_corpus([(TEXT, gold, [Item(spans(TEXT, "that the vote was close"))])]).report()
    wrong = score_corpus(
        [(TEXT, gold, [Item(spans(TEXT, "that the vote was close"), (), spans(TEXT, "Officials"))])]
    ).report()
    assert right["metrics"]["all"]["source_acc"] == 1.0  # type: ignore[index]
    assert wrong["metrics"]["all"]["source_acc"] == 0.0  # type: ignore[index]


def test_matching_is_one_to_one_and_greedy() -> None:
    gold = [Item(spans(TEXT, "that the vote was close")), Item(spans(TEXT, "the vote was close"))]
    pred = [Item(spans(TEXT, "the vote was close"))]
    score = score_article(TEXT, gold, pred)
    assert len(score.pairs) == 1


def test_brat_events_with_discontinuous_and_extra_content() -> None:
    ann = (
        "T1\tSource 0 5\tAlice\n"
        "T2\tCue 6 10\tsaid\n"
        "T3\tContent 11 20;25 30\tsomething more\n"
        "T4\tContent 40 45\textra\n"
        "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3 Content2:T4\n"
        "E2\tAttribution:T2 Cue:T2\n"
    )
    (attr,) = parse_ann(ann)
    assert attr.content == ((11, 20), (25, 30), (40, 45))
    assert attr.source == ((0, 5),)
