"""The rule engine: runs the enabled rules of each stage with that stage's policy.

The order of the analysis of one document:

1. ``cue`` rules, token by token (outside long quotations): the first enabled rule whose
   trigger matches a token builds its attribution; verbal cues go through the ``verb``
   rules, then the ``frame`` rules (which use the ``clause``, ``trim``, ``cut`` and
   ``aside`` rules for a reported clause);
2. ``layout`` rules over the whole text (colons, headlines, dash signatures);
3. ``policy`` rules, in order, over everything found (snapping content to quotation
   marks, attaching quotations no cue claimed through the ``attach`` rules, keeping the
   outermost attribution, filters).

Which rules run is a :class:`~accordingto.analyze.ruleset.RuleSet`; each candidate
records the ids of the rules that made or changed it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

from spacy.tokens import Token

from accordingto.analyze.candidate import Candidate, Content
from accordingto.analyze.context import DocContext
from accordingto.analyze.syntax import TokRange, subtree_range, trim


class _NoAttribution:
    """A verb rule's answer that the verb carries no attribution (later rules are not tried)."""

    def __repr__(self) -> str:
        return "NO_ATTRIBUTION"


NO_ATTRIBUTION: Final = _NoAttribution()
VerbOutcome = Candidate | _NoAttribution | None


@dataclass(slots=True)
class EngineState:
    """What the rules of one run share: the attribution already built for each cue token."""

    by_cue: dict[int, Candidate] = field(default_factory=dict)


def find_attributions(ctx: DocContext) -> list[Candidate]:
    """Every attribution of the document, outermost only, in text order."""
    state = EngineState()
    found = _token_cues(ctx, state)
    for r in ctx.rules.stage("layout"):
        for cand in r.func(ctx, found):
            _credit(cand, r.id)
            found.append(cand)
    for r in ctx.rules.stage("policy"):
        found = r.func(ctx, found, state)
    found.sort(key=lambda c: (c.start, c.end))
    return found


def _token_cues(ctx: DocContext, state: EngineState) -> list[Candidate]:
    found: list[Candidate] = []
    # looked up once, not once per token: this loop asks every trigger of every token
    cue_rules = [(r.trigger, r.trigger_pos, r.func, r.id) for r in ctx.rules.stage("cue") if r.trigger is not None]
    assert len(cue_rules) == len(ctx.rules.stage("cue")), "every cue rule has a trigger"
    # the rules a token of each part of speech is asked, in order: a trigger whose part of
    # speech the token lacks would say no, so it is not asked
    by_pos: dict[str, list[tuple[Callable[..., bool], Callable[..., Candidate | None], str]]] = {}
    quoted, pos_of = ctx.quoted_tokens, ctx.pos
    for tok in ctx.doc:
        if tok.i in quoted:
            continue  # a cue inside a quotation is nested in the quotation's attribution
        pos = pos_of[tok.i]
        if pos not in by_pos:
            by_pos[pos] = [(t, f, i) for t, needs_pos, f, i in cue_rules if needs_pos is None or pos in needs_pos]
        for trigger, func, rule_id in by_pos[pos]:
            if not trigger(ctx, tok):
                continue
            cand = func(ctx, tok, state)
            if cand is not None:
                _credit(cand, rule_id)
                found.append(cand)
            break
    return found


def _credit(cand: Candidate, rule_id: str) -> None:
    if rule_id not in cand.rules:
        cand.rules.insert(0, rule_id)


def verb_content(ctx: DocContext, verb: Token, frames: frozenset[str]) -> Content | None:
    """Where a verbal cue's content is: the first enabled frame that answers."""
    from accordingto.analyze.rules.common import cue_lemma

    entry = ctx.verbs[cue_lemma(verb)]
    if frames != entry.frames:
        entry = type(entry)(entry.lemma, entry.cls, entry.stance, frames, entry.preps)
    for r in ctx.rules.stage("frame"):
        found: Content | None = r.func(ctx, verb, entry)
        if found is not None:
            return Content(found.ranges, found.cue_end, (r.id, *found.rules))
    return None


def clause_range(ctx: DocContext, verb: Token, clause: Token, fired: list[str]) -> TokRange | None:
    """The tokens of a reported clause that are the source's words: the clause's subtree
    without the reporting clause, then each enabled ``trim`` rule in turn. The ids of the
    trims that changed it are added to ``fired``."""
    start, end = subtree_range(clause)
    # the reporting clause never belongs to the content, even when the parse says so
    if start <= verb.i < end:
        if clause.i < verb.i:
            end = verb.i
        else:
            start = verb.i + 1
    for r in ctx.rules.stage("trim"):
        new_start, new_end = r.func(ctx, verb, clause, start, end)
        if (new_start, new_end) != (start, end):
            fired.append(r.id)
            start, end = new_start, new_end
    return trim(ctx.doc, (start, end))
