"""Adjectives of attitude: "was critical of X", "is worried about Y", "is confident that Z",
"was eager to act" (cue_adjectives.tsv)."""

from __future__ import annotations

from spacy.tokens import Token

from accordingto.analyze import lexicon
from accordingto.analyze.candidate import Candidate
from accordingto.analyze.context import DocContext
from accordingto.analyze.engine import EngineState
from accordingto.analyze.rules.boundaries import with_broken_list
from accordingto.analyze.rules.common import class_confidence, confidence, cue_lemma, mention, ranges
from accordingto.analyze.ruleset import Example, rule
from accordingto.analyze.syntax import TokRange, chars, find_subject, subtree_range, trim, verb_group


def _adjective_trigger(ctx: DocContext, tok: Token) -> bool:
    return (
        tok.pos_ == "ADJ"
        and tok.lemma_.lower() in lexicon.cue_adjectives()
        and tok.dep_ in ("acomp", "oprd")
        and cue_lemma(tok.head) in lexicon.word_set("copulas")
    )


def _content(ctx: DocContext, adj: Token, entry: lexicon.CueEntry) -> tuple[TokRange, int] | None:
    """The content tokens and where the cue ends: a preposition's object ("critical of X"), a
    that-clause ("confident that..."), or an infinitive ("eager to...")."""
    for child in adj.rights:
        if child.dep_ == "prep" and child.lower_ in entry.preps:
            obj = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
            rng = trim(ctx.doc, subtree_range(obj)) if obj is not None else None
            if rng:
                return rng, child.i + 1
        if child.dep_ == "ccomp" and "that" in entry.preps:
            rng = trim(ctx.doc, subtree_range(child))
            if rng:
                return rng, adj.i + 1
        if child.dep_ == "xcomp" and "to" in entry.preps and any(g.lower_ == "to" for g in child.children):
            rng = trim(ctx.doc, subtree_range(child))
            if rng:
                return rng, adj.i + 1
    return None


@rule(
    "cue.adjective.v1",
    stage="cue",
    order=60,
    trigger=_adjective_trigger,
    trigger_pos=("ADJ",),
    purpose="""An adjective of attitude complementing a copula ("has been critical of", "weren’t too
    concerned about", "is confident that", "was eager to"): its preposition's object, that-clause
    or infinitive is the content, the copula's subject the source.""",
    examples=[
        Example(
            "Graham has been critical of the nominee for months.",
            content="the nominee",
            cue="has been critical of",
            source="Graham",
        ),
        Example(
            "The senators were eager to pass the bill before the recess.", content="to pass the bill before the recess"
        ),
    ],
    counterexamples=["It was clear that the bill would pass.", "The critical vote came on Tuesday."],
)
def adjective(ctx: DocContext, adj: Token, state: EngineState) -> Candidate | None:
    entry = lexicon.cue_adjectives()[adj.lemma_.lower()]
    found = _content(ctx, adj, entry)
    subject = find_subject(adj.head)
    if found is None or subject is None or subject.lower_ in lexicon.word_set("empty_subjects"):
        return None
    rng, cue_end = found
    rules = ["cue.adjective.v1"]
    if (listed := with_broken_list(ctx, *rng)) != rng[1]:
        rng, rules = (rng[0], listed), [*rules, "extend.broken_list.v1"]
    cue_start = verb_group(adj.head)[0]
    return Candidate(
        content=ranges(ctx, [rng]),
        cue=chars(ctx.doc, (cue_start, cue_end)),
        source=mention(ctx, subject),
        pattern="adjective",
        cue_class=entry.cls,
        stance=entry.stance,
        confidence=min(class_confidence(entry.cls), confidence("cue.adjective.v1")),
        rules=rules,
        cue_head=adj.i,
        source_head=subject.i,
    )
