"""The attribution metrics of issue 2, implemented exactly.

Predicted and gold attributions are matched one-to-one, greedily by the number of shared
content characters (whitespace not counted). A pair may match only when the shared
characters are at least half of the gold content *and* at least half of the predicted
content, so an over-long prediction cannot match.

* content P/R/F1 under that matching, and under exact matching (equal after stripping
  whitespace, punctuation and quotation marks at both ends);
* for matched pairs: source accuracy (the predicted source mention overlaps the gold source;
  with no gold source, correct when none is predicted) and cue accuracy likewise;
* end-to-end P/R/F1: content matched and source correct;
* each broken down by type: *direct* (content wholly inside quotation marks), *mixed*
  (contains quotation marks but is not wholly enclosed), *indirect* (none). A matched pair
  counts under its gold type; an unmatched prediction under the type of its own content.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from accordingto.analyze.quotes import Quote, find_quotes, quote_type

CharSpans = tuple[tuple[int, int], ...]
TYPES = ("direct", "mixed", "indirect")

_END_PUNCT = string.punctuation + "“”‘’«»„‟‹›—–…\u00a0"


@dataclass(frozen=True, slots=True)
class Item:
    """One attribution reduced to what the metrics look at."""

    content: CharSpans
    cue: CharSpans = ()
    source: CharSpans = ()


def content_type(text: str, spans: CharSpans, quotes: list[Quote] | None = None) -> str:
    """direct, mixed or indirect: the analysis's own definition (:func:`quote_type`), so that
    a predicted and a gold attribution are typed alike."""
    return quote_type(text, list(spans), quotes)


def _chars(text: str, spans: CharSpans) -> set[int]:
    return {i for s, e in spans for i in range(max(s, 0), min(e, len(text))) if not text[i].isspace()}


def _normalised(text: str, spans: CharSpans) -> str:
    joined = " ".join(text[s:e] for s, e in sorted(spans))
    return " ".join(joined.split()).strip(_END_PUNCT + " ")


def _overlaps(a: CharSpans, b: CharSpans) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def role_correct(gold: CharSpans, pred: CharSpans) -> bool:
    if not gold:
        return not pred
    return _overlaps(gold, pred)


@dataclass(slots=True)
class Counts:
    """Counts for one type (or all): gold, predicted, matched, correct source/cue, exact."""

    gold: int = 0
    pred: int = 0
    matched: int = 0
    exact: int = 0
    exact_pred: int = 0
    source_ok: int = 0
    cue_ok: int = 0

    def add(self, other: Counts) -> None:
        for name in ("gold", "pred", "matched", "exact", "exact_pred", "source_ok", "cue_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def report(self) -> dict[str, float | int]:
        return {
            "gold": self.gold,
            "predicted": self.pred,
            "matched": self.matched,
            "content_p": _ratio(self.matched, self.pred),
            "content_r": _ratio(self.matched, self.gold),
            "content_f1": _f1(self.matched, self.pred, self.gold),
            "exact_p": _ratio(self.exact, self.exact_pred),
            "exact_r": _ratio(self.exact, self.gold),
            "exact_f1": _f1(self.exact, self.exact_pred, self.gold),
            "source_acc": _ratio(self.source_ok, self.matched),
            "cue_acc": _ratio(self.cue_ok, self.matched),
            "e2e_p": _ratio(self.source_ok, self.pred),
            "e2e_r": _ratio(self.source_ok, self.gold),
            "e2e_f1": _f1(self.source_ok, self.pred, self.gold),
        }


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(tp: int, pred: int, gold: int) -> float:
    p, r = _ratio(tp, pred), _ratio(tp, gold)
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class ArticleScore:
    by_type: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in TYPES})
    pairs: list[tuple[int, int]] = field(default_factory=list)


def greedy_match(text: str, gold: Sequence[Item], pred: Sequence[Item]) -> list[tuple[int, int, int]]:
    """(gold index, predicted index, shared chars), one-to-one, best overlap first."""
    gold_chars = [_chars(text, g.content) for g in gold]
    pred_chars = [_chars(text, p.content) for p in pred]
    candidates = []
    for gi, gc in enumerate(gold_chars):
        for pi, pc in enumerate(pred_chars):
            shared = len(gc & pc)
            if shared and 2 * shared >= len(gc) and 2 * shared >= len(pc):
                candidates.append((shared, gi, pi))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for shared, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi, shared))
    return pairs


def _exact_matches(text: str, gold: Sequence[Item], pred: Sequence[Item]) -> list[int]:
    """Gold indices matched exactly, one-to-one."""
    pool: dict[str, list[int]] = {}
    for pi, p in enumerate(pred):
        pool.setdefault(_normalised(text, p.content), []).append(pi)
    matched = []
    for gi, g in enumerate(gold):
        key = _normalised(text, g.content)
        if key and pool.get(key):
            pool[key].pop()
            matched.append(gi)
    return matched


def score_article(text: str, gold: Sequence[Item], pred: Sequence[Item]) -> ArticleScore:
    score = ArticleScore()
    quotes = find_quotes(text)
    gold_types = [content_type(text, g.content, quotes) for g in gold]
    pred_types = [content_type(text, p.content, quotes) for p in pred]
    pairs = greedy_match(text, gold, pred)
    matched_pred = {pi for _, pi, _ in pairs}
    for t in gold_types:
        score.by_type[t].gold += 1
    for gi, pi, _ in pairs:
        counts = score.by_type[gold_types[gi]]
        counts.pred += 1
        counts.matched += 1
        counts.source_ok += role_correct(gold[gi].source, pred[pi].source) and 1
        counts.cue_ok += role_correct(gold[gi].cue, pred[pi].cue) and 1
        score.pairs.append((gi, pi))
    for pi, t in enumerate(pred_types):
        if pi not in matched_pred:
            score.by_type[t].pred += 1
    exact = _exact_matches(text, gold, pred)
    exact_gold = set(exact)
    for gi in exact:
        score.by_type[gold_types[gi]].exact += 1
    # exact precision: an exactly matched prediction counts under the gold type, the rest under their own
    exact_pred_types = list(pred_types)
    _assign_exact_types(text, gold, pred, gold_types, exact_pred_types, exact_gold)
    for t in exact_pred_types:
        score.by_type[t].exact_pred += 1
    return score


def _assign_exact_types(
    text: str,
    gold: Sequence[Item],
    pred: Sequence[Item],
    gold_types: list[str],
    pred_types: list[str],
    exact_gold: set[int],
) -> None:
    by_key: dict[str, list[int]] = {}
    for gi in exact_gold:
        by_key.setdefault(_normalised(text, gold[gi].content), []).append(gi)
    for pi, p in enumerate(pred):
        key = _normalised(text, p.content)
        if by_key.get(key):
            pred_types[pi] = gold_types[by_key[key].pop()]


@dataclass(slots=True)
class Scoreboard:
    """Totals over a corpus, by type and overall."""

    articles: int = 0
    by_type: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in TYPES})

    def add(self, score: ArticleScore) -> None:
        self.articles += 1
        for t in TYPES:
            self.by_type[t].add(score.by_type[t])

    @property
    def overall(self) -> Counts:
        total = Counts()
        for counts in self.by_type.values():
            total.add(counts)
        return total

    def report(self) -> dict[str, object]:
        rows = {t: self.by_type[t].report() for t in TYPES}
        rows["all"] = self.overall.report()
        return {"articles": self.articles, "metrics": rows}


def score_corpus(items: Iterable[tuple[str, Sequence[Item], Sequence[Item]]]) -> Scoreboard:
    board = Scoreboard()
    for text, gold, pred in items:
        board.add(score_article(text, gold, pred))
    return board
