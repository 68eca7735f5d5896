"""Source-entity and figure metrics (gold sets that annotate them: ``gold/modern``).

Sources. A gold entity is the set of its source mentions; a predicted entity the set of the
source mentions its attributions link to it (mentions as a medium, "told Politico", are
not source mentions in the gold either). A gold entity is *exactly right* when exactly one
predicted entity has a mention overlapping one of its mentions, that entity covers all of
its mentions, and every mention of that entity overlaps one of them: one source, all its
mentions, nothing else. For each gold entity the predicted entity sharing most of its
mentions is its match; kind, named flag, name and title are scored on matches (name on
named gold entities, after case, "the" and punctuation are folded; title right when both
are empty or one contains the other). Where the gold annotates them, so are gender and role
class: of matched people whose gender the gold says the text states, coverage (the analysis
gives one) and precision (it gives that one), and how many people the text gives no gender
got one anyway; of matched sources with a gold role class, the share that has it.

Figures. Predicted and gold figures are paired one-to-one by overlapping characters, most
overlap first. Precision counts a predicted figure right when it is paired and has the gold
value (both ends of a range); recall likewise over gold figures. Unit and source are scored
on pairs: units after case, plural and currency symbols are folded; the source is right
when the predicted claim's source is the predicted entity matched to the gold figure's
entity (both none: right).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from accordingto.evaluate.brat import GoldArticle, GoldEntity, GoldFigure
from accordingto.models import Analysis, Claim, Source

CharRange = tuple[int, int]
UNIT_ALIASES = {"$": "usd", "us$": "usd", "dollars": "usd", "dollar": "usd", "%": "percent", "per cent": "percent"}
UNIT_ALIASES |= {"£": "gbp", "pounds": "gbp", "€": "eur", "euros": "eur", "¥": "jpy", "yen": "jpy"}


def _overlaps(a: CharRange, b: CharRange) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _fold(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text).casefold().replace("’", "'")
    text = re.sub(r"['’]s\b", "", text)
    words = re.findall(r"[\w]+", text)
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def predicted_entities(analysis: Analysis) -> dict[str, list[CharRange]]:
    """Predicted source id -> the source mentions its attributions link to it."""
    found: dict[str, list[CharRange]] = {}
    for attr in analysis.attributions:
        if attr.source and attr.source_mention:
            span = (attr.source_mention.start, attr.source_mention.end)
            found.setdefault(attr.source, [])
            if span not in found[attr.source]:
                found[attr.source].append(span)
    return found


@dataclass(slots=True)
class SourceCounts:
    gold: int = 0
    exact: int = 0
    matched: int = 0
    kind_ok: int = 0
    named_ok: int = 0
    named_gold: int = 0
    name_ok: int = 0
    title_ok: int = 0
    #: matched people whose gender the gold says the text states; of them, given one; given the right one
    gender_stated: int = 0
    gender_given: int = 0
    gender_ok: int = 0
    #: matched people the text gives no gender, and how many the analysis gave one anyway
    gender_unstated: int = 0
    gender_unstated_given: int = 0
    #: matched sources with a gold role class, and how many have it
    role_gold: int = 0
    role_ok: int = 0
    kind_confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    role_confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, other: SourceCounts) -> None:
        for name in _COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.kind_confusion.update(other.kind_confusion)
        self.role_confusion.update(other.role_confusion)

    def report(self) -> dict[str, float | int]:
        return {
            "gold_sources": self.gold,
            "exact": _ratio(self.exact, self.gold),
            "found": _ratio(self.matched, self.gold),
            "kind_acc": _ratio(self.kind_ok, self.matched),
            "named_acc": _ratio(self.named_ok, self.matched),
            "name_acc": _ratio(self.name_ok, self.named_gold),
            "title_acc": _ratio(self.title_ok, self.matched),
        } | self._who_report()

    def _who_report(self) -> dict[str, float | int]:
        """Gender and role class, where the gold annotates them."""
        out: dict[str, float | int] = {}
        if self.gender_stated or self.gender_unstated:
            out |= {
                "gender_stated": self.gender_stated,
                "gender_coverage": _ratio(self.gender_given, self.gender_stated),
                "gender_precision": _ratio(self.gender_ok, self.gender_given),
                "gender_unstated_given": self.gender_unstated_given,
            }
        if self.role_gold:
            out |= {"role_gold": self.role_gold, "role_acc": _ratio(self.role_ok, self.role_gold)}
        return out


_COUNTS: tuple[str, ...] = ("gold", "exact", "matched", "kind_ok", "named_ok", "named_gold", "name_ok", "title_ok")
_COUNTS += ("gender_stated", "gender_given", "gender_ok", "gender_unstated", "gender_unstated_given")
_COUNTS += ("role_gold", "role_ok")
STATED_GENDERS = ("female", "male", "nonbinary")


def match_entities(gold: Sequence[GoldEntity], predicted: dict[str, list[CharRange]]) -> dict[str, str]:
    """Gold entity id -> the predicted source id sharing most of its mentions."""
    matches = {}
    for g in gold:
        shared = Counter(
            pid for pid, spans in predicted.items() for m in g.mentions if any(_overlaps(m, s) for s in spans)
        )
        if shared:
            matches[g.id] = max(sorted(shared), key=lambda pid: shared[pid])
    return matches


def _exact(g: GoldEntity, predicted: dict[str, list[CharRange]]) -> bool:
    touching = [pid for pid, spans in predicted.items() if any(_overlaps(m, s) for m in g.mentions for s in spans)]
    if len(touching) != 1:
        return False
    spans = predicted[touching[0]]
    return all(any(_overlaps(m, s) for s in spans) for m in g.mentions) and all(
        any(_overlaps(m, s) for m in g.mentions) for s in spans
    )


def _title_ok(gold: str | None, pred: str | None) -> bool:
    g, p = _fold(gold), _fold(pred)
    if not g or not p:
        return g == p
    return g in p or p in g


def score_sources(article: GoldArticle, analysis: Analysis) -> SourceCounts:
    counts = SourceCounts()
    gold = [g for g in article.entities or [] if g.mentions]
    predicted = predicted_entities(analysis)
    matches = match_entities(gold, predicted)
    by_id = {s.id: s for s in analysis.sources}
    for g in gold:
        counts.gold += 1
        counts.named_gold += g.named
        counts.exact += _exact(g, predicted)
        pid = matches.get(g.id)
        source = by_id.get(pid) if pid else None
        if source is None:
            continue
        counts.matched += 1
        counts.kind_ok += source.kind == g.kind
        counts.kind_confusion[(g.kind, source.kind)] += 1
        counts.named_ok += source.named == g.named
        counts.name_ok += g.named and _fold(source.name) == _fold(g.name)
        counts.title_ok += _title_ok(g.title, source.role)
        _score_who(counts, g, source)
    return counts


def _score_who(counts: SourceCounts, g: GoldEntity, source: Source) -> None:
    """Gender (of people) and role class (of every source), where the gold annotates them."""
    if g.kind == "person" and g.gender in STATED_GENDERS:
        counts.gender_stated += 1
        counts.gender_given += source.gender != "unknown"
        counts.gender_ok += source.gender == g.gender
    elif g.kind == "person" and g.gender == "unstated":
        counts.gender_unstated += 1
        counts.gender_unstated_given += source.gender != "unknown"
    if g.role_class:
        counts.role_gold += 1
        counts.role_ok += source.role_class == g.role_class
        counts.role_confusion[(g.role_class, source.role_class)] += 1


# ----------------------------------------------------------------------------- figures
def _unit(unit: str | None) -> str:
    u = (unit or "").strip().casefold()
    u = UNIT_ALIASES.get(u, u)
    return u[:-1] if len(u) > 3 and u.endswith("s") else u


def _value_ok(gold: float | tuple[float, float] | None, claim: Claim) -> bool:
    if gold is None:
        return claim.value is None
    if claim.value is None:
        return False
    low, high = gold if isinstance(gold, tuple) else (gold, gold)
    pred_high = claim.value_to if claim.value_to is not None else claim.value
    return _close(low, claim.value) and _close(high, pred_high)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a))


@dataclass(slots=True)
class FigureCounts:
    gold: int = 0
    predicted: int = 0
    paired: int = 0
    value_ok: int = 0
    unit_ok: int = 0
    source_ok: int = 0

    def add(self, other: FigureCounts) -> None:
        for name in ("gold", "predicted", "paired", "value_ok", "unit_ok", "source_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def report(self) -> dict[str, float | int]:
        p, r = _ratio(self.value_ok, self.predicted), _ratio(self.value_ok, self.gold)
        return {
            "gold_figures": self.gold,
            "predicted_figures": self.predicted,
            "precision": p,
            "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "span_precision": _ratio(self.paired, self.predicted),
            "unit_acc": _ratio(self.unit_ok, self.paired),
            "source_acc": _ratio(self.source_ok, self.paired),
        }


def figure_pairs(gold: Sequence[GoldFigure], claims: Sequence[Claim]) -> list[tuple[int, int]]:
    candidates = []
    for gi, g in enumerate(gold):
        for ci, c in enumerate(claims):
            shared = min(g.end, c.end) - max(g.start, c.start)
            if shared > 0:
                candidates.append((shared, gi, ci))
    used_g: set[int] = set()
    used_c: set[int] = set()
    pairs = []
    for _, gi, ci in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if gi not in used_g and ci not in used_c:
            used_g.add(gi)
            used_c.add(ci)
            pairs.append((gi, ci))
    return pairs


def score_figures(article: GoldArticle, analysis: Analysis) -> FigureCounts:
    gold = article.figures or []
    claims = analysis.claims
    counts = FigureCounts(gold=len(gold), predicted=len(claims))
    entity_of = match_entities(article.entities or [], predicted_entities(analysis))
    for gi, ci in figure_pairs(gold, claims):
        g, c = gold[gi], claims[ci]
        counts.paired += 1
        counts.value_ok += _value_ok(g.value, c)
        counts.unit_ok += _unit(g.unit) == _unit(c.unit)
        expected = entity_of.get(g.entity) if g.entity else None
        counts.source_ok += (c.source or None) == expected
    return counts


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0
