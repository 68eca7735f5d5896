"""Views held by no one named: "Settlements are seen as the hardest issue", "The watch is billed
as a smartwatch", "it is considered a threat" (seen_as_verbs); and labels in someone's words:
"has been pounding Trump as a “con artist”"."""

from __future__ import annotations

from spacy.tokens import Token

from accordingto.analyze import lexicon
from accordingto.analyze.candidate import Candidate
from accordingto.analyze.context import DocContext
from accordingto.analyze.engine import EngineState
from accordingto.analyze.rules.common import confidence, cue_lemma, ranges
from accordingto.analyze.ruleset import Example, rule
from accordingto.analyze.syntax import CharRange, TokRange, chars, mention_range, subtree_range, trim, verb_group


def _seen_as_trigger(ctx: DocContext, tok: Token) -> bool:
    return tok.tag_ == "VBN" and cue_lemma(tok) in lexicon.word_set("seen_as_verbs")


def _passive(verb: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children)


def _what_it_is_seen_as(verb: Token) -> Token | None:
    """The complement a view gives its subject: the object of "as" right after the verb ("seen
    as a threat"), or, for the verbs that take one bare (bare_complement_verbs: "considered a
    threat", "deemed unsafe"), the complement itself."""
    agent = _by_whom(verb)
    after = [*verb.rights, *(agent.rights if agent is not None else ())]  # "by analysts as X", as parsed
    for c in after:
        if c.dep_ == "prep" and c.lower_ == "as":
            return next((g for g in c.children if g.dep_ in ("pobj", "pcomp", "amod", "acomp")), None)
        if c.dep_ in ("oprd", "attr", "acomp") and cue_lemma(verb) in lexicon.word_set("bare_complement_verbs"):
            return c
    return None


def _held_view(verb: Token) -> TokRange | None:
    """What the view is about: the passive's subject ("Settlements are seen as..."), or the noun
    phrase a participle follows ("the territories, seen as..."), up to the participle."""
    if _passive(verb):
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i), None)
        return subtree_range(subject) if subject is not None else None
    if verb.dep_ == "acl" and verb.head.i < verb.i and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head.left_edge.i, verb.left_edge.i
    return None


def _extraposed(verb: Token) -> bool:
    """ "It is considered rude to ask": an "it" standing for a clause after the verb, no view of
    anything named."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return subject is not None and subject.lower_ == "it" and any(c.dep_ in ("xcomp", "ccomp") for c in verb.rights)


def _by_whom(verb: Token) -> Token | None:
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((p for p in by.children if p.dep_ == "pobj"), None) if by is not None else None


def _agent_mention(ctx: DocContext, agent: Token, complement: Token) -> CharRange:
    """The "by" phrase's object without the "as" phrase the parser may have hung on it."""
    start, end = mention_range(agent)
    if start < complement.i < end:
        end = max(agent.i + 1, complement.head.i)
    return chars(ctx.doc, (start, end))


@rule(
    "cue.seen_as.v1",
    stage="cue",
    order=5,  # before cue.verb.v1: "was viewed by analysts as X" is a view, not a passive object
    trigger=_seen_as_trigger,
    trigger_pos=("VERB",),
    purpose="""A view in the passive: "Settlements are seen as one of the hardest issues", "The
    watch is billed as a smartwatch", "it is considered a threat", "the territories, seen as
    part of a future state": a verb of viewing or presenting (seen_as_verbs) in the passive, or
    as a participle after a noun, with what its subject is seen as ("as" and its object; a bare
    complement after "considered", "deemed"). The content is the subject and that complement;
    the "by" phrase, when
    there is one, is the source ("viewed by analysts as..."), else no one is named. Without a
    complement ("was seen leaving", "was considered for the post") it is no view.""",
    examples=[
        Example(
            "Settlements are seen as one of the hardest issues in the talks.",
            content="Settlements one of the hardest issues in the talks",
            cue="are seen",
        ),
        Example(
            "The merger was viewed by analysts as a defensive move.",
            content="The merger a defensive move",
            source="analysts",
        ),
    ],
    counterexamples=[
        "The suspect was seen leaving the building.",
        "She was considered for the post of ambassador.",
        "The film was seen by two million people.",
    ],
)
def seen_as(ctx: DocContext, verb: Token, state: EngineState) -> Candidate | None:
    complement = _what_it_is_seen_as(verb)
    held = _held_view(verb)
    if complement is None or held is None or _extraposed(verb):
        return None
    found = [r for r in (trim(ctx.doc, p) for p in (held, subtree_range(complement))) if r]
    if not found:
        return None
    agent = _by_whom(verb)
    score = confidence("cue.seen_as.v1")
    if agent is None:
        score -= confidence("penalty:missing_source.verb")
    return Candidate(
        content=ranges(ctx, found),
        cue=chars(ctx.doc, verb_group(verb)),
        source=_agent_mention(ctx, agent, complement) if agent is not None else None,
        pattern="verb",
        cue_class="belief",
        stance="neutral",
        confidence=score,
        rules=["cue.seen_as.v1"],
        cue_head=verb.i,
        source_head=agent.i if agent is not None else None,
    )


def _labelled_as_trigger(ctx: DocContext, tok: Token) -> bool:
    return cue_lemma(tok) not in ctx.verbs and _quoted_label(ctx, tok) is not None


def _quoted_label(ctx: DocContext, verb: Token) -> tuple[Token, Token] | None:
    """The object and the "as" phrase of a verb that calls its object something in quotation
    marks ("pounding Trump as a “con artist”", "admires Putin as a “strong leader”")."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    phrase = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ == "as"), None)
    if obj is None or phrase is None or phrase.i < obj.i or obj.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    label = next((g for g in phrase.children if g.dep_ == "pobj"), None)
    if label is None or not any(ctx.inside_quote(t.idx) for t in label.subtree):
        return None
    return obj, label


@rule(
    "cue.labelled_as.v1",
    stage="cue",
    order=45,  # after the cue verbs: "described Trump as a “con artist”" is theirs
    trigger=_labelled_as_trigger,
    trigger_pos=("VERB",),
    purpose="""A label in someone's words: a verb that is no cue verb, with an object and "as"
    followed by a quotation ("Clinton has been pounding Trump as a “con artist”", "openly admires
    Putin as a “strong leader”"): the quotation marks say the words are the subject's. The
    content is the object through the quoted label; the subject is the source. Without quotation marks
    ("elected her as mayor", "hired him as a consultant") it is the writer's narration.""",
    examples=[
        Example(
            "Clinton has been steadily pounding Trump as a “con artist” in her speeches.",
            content="Trump as a “con artist”",
            source="Clinton",
        )
    ],
    counterexamples=["The board hired him as a consultant in May.", "Voters elected her as mayor in 2010."],
)
def labelled_as(ctx: DocContext, verb: Token, state: EngineState) -> Candidate | None:
    found = _quoted_label(ctx, verb)
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if found is None or subject is None:
        return None
    obj, label = found
    quoted = [t.i for t in label.subtree if ctx.inside_quote(t.idx)]
    end = quoted[-1] + 1  # the label ends with its quotation ("as a “con artist” in her speeches")
    if end < len(ctx.doc) and ctx.doc[end].is_quote:
        end += 1
    rng = trim(ctx.doc, (obj.left_edge.i, end))
    if not rng:
        return None
    return Candidate(
        content=ranges(ctx, [rng]),
        cue=chars(ctx.doc, verb_group(verb)),
        source=chars(ctx.doc, mention_range(subject)),
        pattern="verb",
        cue_class="speech",
        stance="neutral",
        confidence=confidence("cue.labelled_as.v1"),
        rules=["cue.labelled_as.v1"],
        cue_head=verb.i,
        source_head=subject.i,
    )
