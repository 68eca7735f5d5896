"""Run the analysis over a gold set and score it (``accordingto eval``).

A gold set is a PolNeAR-style folder (``text/`` and ``attributions/``) or the modern-pages
set (``gold/modern``, read with the pages it was made on). Parses can come from a
:class:`~accordingto.evaluate.cache.ParseCache`, so that running the rules again, with
rules switched off one by one (:func:`ablate`), takes seconds per run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from accordingto.analyze.analyzer import Analyzer, Job
from accordingto.analyze.components import Accordingto
from accordingto.analyze.ruleset import RuleSet, all_rules
from accordingto.clean import CleanArticle
from accordingto.evaluate.brat import GoldArticle, read_gold
from accordingto.evaluate.cache import ParseCache
from accordingto.evaluate.metrics import TYPES, Item, Scoreboard, greedy_match, role_correct, score_article
from accordingto.evaluate.modern import is_modern, read_modern
from accordingto.evaluate.people import PeopleScore, read_people, score_people
from accordingto.evaluate.sourcing import FigureCounts, SourceCounts, score_figures, score_sources
from accordingto.models import Analysis, Attribution

Progress = Callable[[int, int], None]
#: the opt-in rule of ``--gender-from-names``, run for the people score's names mode
NAMES_RULE = "source.gender_from_names.v1"


def prediction_items(analysis: Analysis) -> list[Item]:
    """What the metrics look at in one predicted attribution."""
    items = []
    for attr in analysis.attributions:
        items.append(
            Item(
                content=tuple((s.start, s.end) for s in attr.content),
                cue=((attr.cue.start, attr.cue.end),) if attr.cue else (),
                source=((attr.source_mention.start, attr.source_mention.end),) if attr.source_mention else (),
            )
        )
    return items


def gold_items(article: GoldArticle) -> list[Item]:
    return [Item(g.content, g.cue, g.source) for g in article.attributions]


@dataclass(slots=True)
class GoldSet:
    articles: list[GoldArticle]
    skipped: list[str] = field(default_factory=list)
    modern: bool = False


def load_gold(
    folder: Path | str, *, pages: Path | str | None = None, limit: int | None = None, split: str | None = None
) -> GoldSet:
    """A PolNeAR-style folder, or the modern-pages set (which needs ``pages``)."""
    root = Path(folder)
    if is_modern(root):
        if pages is None:
            from accordingto.errors import GoldError

            raise GoldError(f"{root} is a modern-pages gold set: give the pages it was made on (--pages DIR)")
        found = read_modern(root, pages, split=split)
        articles = found.articles[:limit] if limit else found.articles
        return GoldSet(articles, found.skipped, modern=True)
    return GoldSet(list(read_gold(root, limit=limit)))


def _job(article: GoldArticle) -> Job:
    # PolNeAR texts are analysed as they are (no cleaning), so offsets match the annotations;
    # modern pages as a user's page is: extracted and cleaned.
    return Job(article.cleaned or CleanArticle(text=article.text), article.name)


def parse_gold(
    gold: Sequence[GoldArticle],
    analyzer: Analyzer,
    cache: ParseCache | None = None,
    on_parsed: Callable[[], None] | None = None,
) -> list[tuple[Job, Doc]]:
    """The parses of every gold article, cached when a cache is given; ``on_parsed`` is
    called after each article parsed (not for those read from the cache)."""
    jobs = [_job(g) for g in gold]
    if cache is not None:
        return cache.parses(jobs, on_parsed)
    parsed = []
    for pair in analyzer.parse_many(jobs):
        parsed.append(pair)
        if on_parsed is not None:
            on_parsed()
    return parsed


def analyse_parsed(
    parsed: Iterable[tuple[Job, Doc]],
    analyzer: Analyzer,
    rules: RuleSet | None = None,
    on_analysed: Callable[[], None] | None = None,
) -> list[Analysis]:
    """Our steps over parsed gold articles, with the analyzer's rules or ``rules`` (its opt-in
    rules included: ``rules.disabled`` alone would switch them off again)."""
    steps = None if rules is None else [Accordingto(sorted(rules.disabled), list(rules.enabled_opt_in))]
    analyses = []
    for job, doc in parsed:
        analyses.append(analyzer.finish(job, doc, steps))
        if on_analysed is not None:
            on_analysed()
    return analyses


@dataclass(slots=True)
class Evaluation:
    board: Scoreboard
    sources: SourceCounts
    figures: FigureCounts
    articles: int
    with_sources: bool

    def report(self) -> dict[str, object]:
        out = self.board.report()
        if self.with_sources:
            out["sources"] = self.sources.report()
            out["figures"] = self.figures.report()
        return out


def score(gold: Sequence[GoldArticle], analyses: Sequence[Analysis]) -> Evaluation:
    board = Scoreboard()
    sources, figures = SourceCounts(), FigureCounts()
    with_sources = False
    for article, analysis in zip(gold, analyses, strict=True):
        board.add(score_article(article.text, gold_items(article), prediction_items(analysis)))
        if article.entities is not None:
            with_sources = True
            sources.add(score_sources(article, analysis))
            figures.add(score_figures(article, analysis))
    return Evaluation(board, sources, figures, len(gold), with_sources)


def evaluate(folder: Path | str, analyzer: Analyzer, *, limit: int | None = None) -> Scoreboard:
    """Attribution scores of the analyzer on a gold folder (no cache)."""
    gold = load_gold(folder, limit=limit).articles
    return score(gold, analyse_parsed(parse_gold(gold, analyzer), analyzer)).board


def with_names(analyzer: Analyzer) -> RuleSet:
    """The analyzer's rules with the first-name table on (``--gender-from-names``)."""
    enable = dict.fromkeys((*analyzer.rules.enabled_opt_in, NAMES_RULE))
    return RuleSet.without(sorted(analyzer.rules.disabled - set(enable)), enable)


def people_score(
    people_file: Path | str,
    gold: Sequence[GoldArticle],
    parsed: Sequence[tuple[Job, Doc]],
    analyses: Sequence[Analysis],
    analyzer: Analyzer,
    *,
    split: str | None = None,
) -> PeopleScore:
    """The people score of a people file on the analyses of its gold folder, and on a second
    run of the rules with the first-name table on."""
    people = read_people(people_file, split=split)
    named = analyse_parsed(parsed, analyzer, with_names(analyzer))
    return score_people(people, gold, analyses, named)


# ----------------------------------------------------------------------------- rules
@dataclass(slots=True)
class RuleStats:
    """How often a rule took part in a prediction, and how often those predictions were right."""

    count: int = 0
    matched: int = 0
    correct: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.count if self.count else 0.0

    @property
    def e2e_precision(self) -> float:
        return self.correct / self.count if self.count else 0.0


@dataclass(frozen=True, slots=True)
class Judged:
    """One predicted attribution, whether its content matched gold, and whether it is right
    (matched, with the right source)."""

    attribution: Attribution
    matched: bool
    right: bool


def judged(gold: Sequence[GoldArticle], analyses: Sequence[Analysis]) -> list[Judged]:
    """Every predicted attribution of every article, judged against the gold."""
    out = []
    for article, analysis in zip(gold, analyses, strict=True):
        gold_list, pred = gold_items(article), prediction_items(analysis)
        pairs = {pi: gi for gi, pi, _ in greedy_match(article.text, gold_list, pred)}
        for pi, attr in enumerate(analysis.attributions):
            gi = pairs.get(pi)
            right = gi is not None and role_correct(gold_list[gi].source, pred[pi].source)
            out.append(Judged(attr, gi is not None, right))
    return out


def by_rule(gold: Sequence[GoldArticle], analyses: Sequence[Analysis]) -> dict[str, RuleStats]:
    """Per rule id (from each attribution's provenance): predictions it took part in, the share
    whose content matched a gold attribution, and the share also with the right source."""
    stats: dict[str, RuleStats] = {rule_id: RuleStats() for rule_id in all_rules()}
    for j in judged(gold, analyses):
        for rule_id in dict.fromkeys(j.attribution.rules):
            s = stats.setdefault(rule_id, RuleStats())
            s.count += 1
            s.matched += j.matched
            s.correct += j.right
    return stats


@dataclass(frozen=True, slots=True)
class Ablation:
    """Scores with one rule off, as changes from the scores with every rule (for the base row,
    the scores themselves); ``predicted`` and ``matched`` count attributions overall."""

    rule: str
    content_f1: dict[str, float]
    e2e_f1: dict[str, float]
    predicted: int = 0
    matched: int = 0


def _f1s(board: Scoreboard, metric: str) -> dict[str, float]:
    metrics = board.report()["metrics"]
    assert isinstance(metrics, dict)
    return {t: float(metrics[t][metric]) for t in (*TYPES, "all")}


def ablate(
    gold: Sequence[GoldArticle],
    parsed: Sequence[tuple[Job, Doc]],
    analyzer: Analyzer,
    rule_ids: Sequence[str],
    *,
    on_rule: Progress | None = None,
) -> tuple[Ablation, list[Ablation]]:
    """The scores with every rule, then the change in content and end-to-end F1 per type when
    each of ``rule_ids`` alone is switched off (negative: the rule helps)."""
    base_row = baseline(score(gold, analyse_parsed(parsed, analyzer)).board)
    rows = []
    for n, rule_id in enumerate(rule_ids, start=1):
        rows.append(ablate_one(gold, parsed, analyzer, rule_id, base_row))
        if on_rule is not None:
            on_rule(n, len(rule_ids))
    return base_row, rows


def baseline(board: Scoreboard) -> Ablation:
    """The scores with every rule, as the row ablations are compared with."""
    return Ablation(
        "(all rules)", _f1s(board, "content_f1"), _f1s(board, "e2e_f1"), board.overall.pred, board.overall.matched
    )


def ablate_one(
    gold: Sequence[GoldArticle], parsed: Sequence[tuple[Job, Doc]], analyzer: Analyzer, rule_id: str, base: Ablation
) -> Ablation:
    """The change in scores when ``rule_id`` is switched off."""
    rules = RuleSet.without([*analyzer.rules.disabled, rule_id])
    board = score(gold, analyse_parsed(parsed, analyzer, rules)).board
    content, e2e = _f1s(board, "content_f1"), _f1s(board, "e2e_f1")
    return Ablation(
        rule_id,
        {t: content[t] - base.content_f1[t] for t in content},
        {t: e2e[t] - base.e2e_f1[t] for t in e2e},
        board.overall.pred - base.predicted,
        board.overall.matched - base.matched,
    )
