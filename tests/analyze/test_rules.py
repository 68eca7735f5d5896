"""Every registered rule, on its own examples: it fires and gives what its example says; on its
counterexamples it does not fire; switched off, its example is no longer handled (so a dead or
shadowed rule is found). The registry is documented (docs/rules.md) and measured (ledger.tsv)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from spacy.tokens import Doc

from accordingto.analyze.analyzer import Analyzer, Job
from accordingto.analyze.components import Accordingto
from accordingto.analyze.ruledocs import rules_markdown
from accordingto.analyze.ruleset import Example, Rule, RuleSet, all_rules
from accordingto.clean import CleanArticle
from accordingto.errors import SettingsError
from accordingto.models import Analysis, Source

ROOT = Path(__file__).resolve().parents[2]
RULES = sorted(all_rules().values(), key=lambda r: r.id)


@pytest.fixture(scope="module")
def run(analyzer: Analyzer):  # type: ignore[no-untyped-def]
    """Analyse a text as it is (no cleaning), with every rule or with some switched off."""

    @cache
    def parsed(text: str) -> tuple[Job, Doc]:
        ((job, doc),) = list(analyzer.parse_many([Job(CleanArticle(text=text), "example")]))
        return job, doc

    def analyse(text: str, disabled: tuple[str, ...] = (), rule: Rule | None = None) -> Analysis:
        """``rule``: the rule under test, enabled too when it is opt-in (other opt-in rules
        stay off, as by default, so that none shadows the rule under test)."""
        job, doc = parsed(text)
        enabled = [rule.id] if rule is not None and rule.opt_in else []
        return analyzer.finish(job, doc, [Accordingto(list(disabled), enabled)])

    return analyse


def _same(text: str, other: str) -> bool:
    return " ".join(text.split()) == " ".join(other.split())


def _source_of(analysis: Analysis, content: str) -> str | None:
    return next((a.source for a in analysis.attributions if _same(a.content_text, content)), None)


def _satisfies(analysis: Analysis, example: Example) -> list[str]:
    """The rules of every attribution (and its source), or of every figure, that gives what
    the example expects."""
    if example.figure is not None:
        return [r for c in analysis.claims if c.text == example.figure for r in [*c.rules, "<match>"]]
    found = []
    for attr in analysis.attributions:
        source = analysis.source(attr.source)
        via = [analysis.source(v) for v in attr.via]
        checks = [
            example.anonymity is None
            or (source is not None and example.anonymity in [m.text for m in source.anonymity]),
            example.via is None or example.via in [v.name for v in via if v is not None],
            example.joins is None or (attr.source is not None and _source_of(analysis, example.joins) == attr.source),
            example.apart_from is None
            or (attr.source is not None and _source_of(analysis, example.apart_from) not in (None, attr.source)),
            example.content is None or " ".join(attr.content_text.split()) == " ".join(example.content.split()),
            example.cue is None or (attr.cue is not None and attr.cue.text == example.cue),
            example.source is None or (attr.source_mention is not None and attr.source_mention.text == example.source),
            example.source_name is None or (source is not None and source.name == example.source_name),
            example.source_kind is None or (source is not None and source.kind == example.source_kind),
            example.named is None or (source is not None and source.named == example.named),
            example.gender is None or (source is not None and source.gender == example.gender),
            example.role_class is None or (source is not None and source.role_class == example.role_class),
            example.gender_counts is None or (source is not None and _counts(source) == example.gender_counts),
            example.descriptor is None
            or (source is not None and example.descriptor in [d.text for d in source.descriptors]),
            example.source_role is None or (source is not None and (source.role or "") == example.source_role),
        ]
        if all(checks):
            found.extend([*attr.rules, *(source.rules if source else [])])
            found.append("<match>")
    return found


def _counts(source: Source) -> str:
    return " ".join(f"{gender}={n}" for gender, n in sorted(source.gender_counts.items()))


def _fired(analysis: Analysis) -> set[str]:
    return (
        {r for a in analysis.attributions for r in a.rules}
        | {r for s in analysis.sources for r in s.rules}
        | {r for c in analysis.claims for r in c.rules}
    )


def _expects(example: Example) -> bool:
    """An example says what must come out (joins/apart_from alone say only how it relates)."""
    return any(name != "apart_from" for name, _ in example.expectations())


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_rule_is_documented_with_an_example_and_a_counterexample(rule: Rule) -> None:
    assert rule.purpose and len(rule.purpose) > 20
    assert rule.examples and all(_expects(e) for e in rule.examples), "each example says what it must give"
    assert rule.counterexamples, "at least one text on which the rule must not fire"
    assert rule.id.count(".") >= 2 and rule.id.rsplit(".", 1)[1].startswith("v"), "ids are family.name.vN"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_the_rule_handles_its_examples(rule: Rule, run) -> None:  # type: ignore[no-untyped-def]
    for example in rule.examples:
        found = _satisfies(run(example.text, rule=rule), example)
        if rule.removes:  # the example is what the rule takes away
            assert "<match>" not in found, f"{rule.id}: {example} is still reported"
            continue
        assert "<match>" in found, f"{rule.id}: nothing gives {example}"
        assert rule.id in found, f"{rule.id}: the expected result does not come from this rule ({found})"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_the_rule_does_not_fire_on_its_counterexamples(rule: Rule, run) -> None:  # type: ignore[no-untyped-def]
    for text in rule.counterexamples:
        if rule.removes:  # a removal leaves no provenance: it must remove nothing here
            with_rule, without = run(text, rule=rule), run(text, (rule.id,), rule)
            assert len(with_rule.attributions) == len(without.attributions), f"{rule.id} removed something in {text!r}"
            assert len(with_rule.claims) == len(without.claims), f"{rule.id} removed a figure in {text!r}"
            continue
        assert rule.id not in _fired(run(text, rule=rule)), f"{rule.id} fired on {text!r}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_switched_off_the_rule_no_longer_handles_its_example(rule: Rule, run) -> None:  # type: ignore[no-untyped-def]
    example = rule.examples[0]
    without = _satisfies(run(example.text, (rule.id,), rule), example)
    if rule.removes:
        assert "<match>" in without, f"{rule.id} is dead: without it, {example} is not reported either"
        return
    assert "<match>" not in without, f"{rule.id} is shadowed: its example is handled without it"


def test_an_unknown_rule_id_is_refused_with_the_way_to_find_the_right_one() -> None:
    with pytest.raises(SettingsError, match="accordingto rules"):
        RuleSet.without(["cue.verbs.v1"])


def test_docs_rules_md_is_generated_from_the_registry() -> None:
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page == rules_markdown(), "regenerate it: accordingto rules --format markdown > docs/rules.md"


def test_the_ledger_has_a_row_for_every_registered_rule() -> None:
    ledger = ROOT / "src" / "accordingto" / "analyze" / "ledger.tsv"
    rows = [line.split("\t") for line in ledger.read_text(encoding="utf-8").splitlines() if line and line[0] != "#"]
    header, body = rows[0], rows[1:]
    assert header[0] == "id"
    listed = {r[0] for r in body}
    assert listed == set(all_rules()), "regenerate it: make ledger"


TRIGGERED_BY_POS = [r for r in RULES if r.trigger is not None and r.trigger_pos is not None]


@pytest.mark.parametrize("rule", TRIGGERED_BY_POS, ids=lambda r: r.id)
def test_a_trigger_with_parts_of_speech_says_no_to_every_other_token(rule: Rule, analyzer: Analyzer) -> None:
    """The engine does not ask a trigger about tokens outside its ``trigger_pos``: that is only
    right if the trigger would have said no to them, here on every token of its examples."""
    from accordingto.analyze.components import stored_quotes
    from accordingto.analyze.context import DocContext

    texts = [e.text for e in rule.examples] + list(rule.counterexamples)
    texts.append("The minister, who was confident that taxes would fall, said on Monday that critics were wrong.")
    assert rule.trigger is not None and rule.trigger_pos is not None
    for text in texts:
        ((_, doc),) = list(analyzer.parse_many([Job(CleanArticle(text=text), "example")]))
        ctx = DocContext.build(doc, stored_quotes(doc), analyzer.rules)
        said_no = [tok.text for tok in doc if tok.pos_ not in rule.trigger_pos and rule.trigger(ctx, tok)]
        assert said_no == [], f"{rule.id} triggers on {said_no} in {text!r}"
