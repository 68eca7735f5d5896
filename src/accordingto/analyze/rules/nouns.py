"""Noun cues: 'his claim that...', 'her call to...', 'her attacks on Sanders' record'."""

from __future__ import annotations

from spacy.tokens import Token

from accordingto.analyze import lexicon
from accordingto.analyze.candidate import Candidate
from accordingto.analyze.context import DocContext
from accordingto.analyze.engine import EngineState
from accordingto.analyze.rules.common import confidence, is_verb_cue, mention, ranges
from accordingto.analyze.ruleset import Example, rule
from accordingto.analyze.syntax import chars, find_subject, subtree_range, trim


def _is_noun_cue(ctx: DocContext, tok: Token) -> bool:
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in ctx.nouns


def _introduces(child: Token) -> bool:
    return any(
        (g.dep_ == "mark" and g.lower_ == "that") or (g.lower_ == "to" and g.dep_ == "aux") for g in child.children
    )


def _is_infinitive(tok: Token) -> bool:
    children = list(tok.children)
    return any(g.lower_ == "to" and g.dep_ == "aux" for g in children) and not any(
        g.dep_ == "mark" and g.lower_ == "that" for g in children
    )


def _noun_clause(noun: Token) -> Token | None:
    """The clause or infinitive a noun cue introduces: its own ('the claim that...'), the verb's
    infinitive right after the noun's phrase ('faced growing calls from Democrats to push...'),
    or a copula's complement ('his concern is that...')."""
    found = None
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp") and _introduces(child):
            found = child
    if found is None and noun.dep_ == "dobj":
        found = next(
            (
                c
                for c in noun.head.rights
                if c.dep_ == "xcomp"
                and c.left_edge.i == noun.right_edge.i + 1
                and any(g.lower_ == "to" and g.dep_ == "aux" for g in c.children)
            ),
            None,
        )
    if found is None and noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
        for sib in noun.head.children:
            if sib.dep_ in ("ccomp", "attr") and sib.i > noun.i and _is_clause(sib):
                found = sib
    return found


def _is_clause(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") or any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def _clause_trigger(ctx: DocContext, tok: Token) -> bool:
    return _is_noun_cue(ctx, tok) and _noun_clause(tok) is not None


@rule(
    "cue.noun.clause.v1",
    stage="cue",
    order=50,
    trigger=_clause_trigger,
    trigger_pos=("NOUN",),
    purpose="""A noun cue (cue_nouns.tsv) with a that-clause or infinitive ('his claim that...',
    'her promise to...'); the source is its possessor or 'by/from' phrase. Without a holder
    ('without a plan to protect...') nothing is attributed, nor is an infinitive after a noun
    that takes none ('interpret his statement to mean...': only infinitive_nouns do).""",
    examples=[
        Example(
            "His claim that the election was rigged was rejected.",
            content="that the election was rigged",
            cue="claim",
            source="His",
        )
    ],
    counterexamples=["There was a claim that the election was rigged."],
)
def noun_clause(ctx: DocContext, noun: Token, state: EngineState) -> Candidate | None:
    entry = ctx.nouns[noun.lemma_.lower()]
    content_tok = _noun_clause(noun)
    assert content_tok is not None
    if _is_infinitive(content_tok) and noun.lemma_.lower() not in lexicon.word_set("infinitive_nouns"):
        return None  # 'interpret his statement to mean...': the infinitive is not the statement's
    rng = trim(ctx.doc, subtree_range(content_tok))
    if not rng:
        return None
    possessor = next((c for c in noun.children if c.dep_ == "poss"), None)
    if possessor is None:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                possessor = next((g for g in child.children if g.dep_ == "pobj"), None)
    if possessor is None:
        return None
    return Candidate(
        content=ranges(ctx, [rng]),
        cue=chars(ctx.doc, (noun.i, noun.i + 1)),
        source=mention(ctx, possessor),
        pattern="noun",
        cue_class=entry.cls,
        stance=entry.stance,
        confidence=confidence("cue.noun.clause.v1"),
        rules=["cue.noun.clause.v1"],
        cue_head=noun.i,
        source_head=possessor.i,
    )


@rule(
    "cue.noun.prep.v1",
    stage="cue",
    order=51,
    trigger=_is_noun_cue,
    trigger_pos=("NOUN",),
    purpose="""'her attacks on Sanders' record', 'his support for the bill', 'made no mention of
    God': the object of the noun's preposition (its preps column) is the content; the possessor,
    or the subject of the verb the noun is the object of, is the source.""",
    examples=[
        Example(
            "Clinton stepped up her attacks on Sanders' record this week.",
            content="Sanders' record",
            cue="attacks on",
            source="her",
        )
    ],
    counterexamples=["The attacks on the city continued."],
)
def noun_prep(ctx: DocContext, noun: Token, state: EngineState) -> Candidate | None:
    entry = ctx.nouns[noun.lemma_.lower()]
    if noun.dep_ == "dobj" and is_verb_cue(ctx, noun.head):
        return None  # 'called Trump's remarks about a judge “racist”': the verb's attribution holds it
    prep = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ in entry.preps), None)
    obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if prep is None or obj is None:
        return None
    source = next((c for c in noun.children if c.dep_ == "poss"), None)
    if source is None and noun.dep_ == "dobj" and noun.head.pos_ in ("VERB", "AUX"):
        source = find_subject(noun.head)
    if source is None or source.lower_ in ("it", "there"):
        return None
    rng = trim(ctx.doc, subtree_range(obj))
    if rng is None:
        return None
    return Candidate(
        content=ranges(ctx, [rng]),
        cue=chars(ctx.doc, (noun.i, prep.i + 1)),
        source=mention(ctx, source),
        pattern="noun",
        cue_class=entry.cls,
        stance=entry.stance,
        confidence=confidence("cue.noun.prep.v1"),
        rules=["cue.noun.prep.v1"],
        cue_head=noun.i,
        source_head=source.i,
    )
