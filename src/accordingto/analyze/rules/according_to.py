"""'According to X, Y.' / 'Y, according to X.' / 'Y, according to X, Z.'"""

from __future__ import annotations

from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from accordingto.analyze import lexicon
from accordingto.analyze.candidate import Candidate
from accordingto.analyze.context import DocContext
from accordingto.analyze.engine import EngineState
from accordingto.analyze.rules.boundaries import inner_asides
from accordingto.analyze.rules.common import confidence, mention, ranges
from accordingto.analyze.ruleset import Example, rule
from accordingto.analyze.syntax import TokRange, chars, is_space, trim

_ACCORDING, _TO = get_string_id("according"), get_string_id("to")


def _according_trigger(ctx: DocContext, tok: Token) -> bool:
    # asked of every token: the words' keys are read from the context's list, not the Token
    words = ctx.lower_keys
    return words[tok.i] == _ACCORDING and tok.i + 1 < len(ctx.doc) and words[tok.i + 1] == _TO


@rule(
    "cue.according_to.v2",
    stage="cue",
    order=40,
    trigger=_according_trigger,
    purpose="""'According to X, Y.' / 'Y, according to X.' / 'Y, according to X, Z.': the content is
    the rest of the sentence, read linearly (the parser often hangs the phrase on one conjunct
    only), within the colon- or semicolon-separated segment next to the phrase, without an
    introductory participle ('Entering June, ...') and without a participle after the phrase that
    hangs on the content before it ('..., according to X, adding to its woes'). "According to
    plan", "according to schedule" and the like (according_to_non_sources) name no source: v2
    leaves them out.""",
    examples=[
        Example(
            "Turnout fell sharply in the north, according to the electoral commission.",
            content="Turnout fell sharply in the north",
            cue="according to",
            source="the electoral commission",
        )
    ],
    counterexamples=["The plan went according to schedule."],
)
def according_to(ctx: DocContext, according: Token, state: EngineState) -> Candidate | None:
    doc = ctx.doc
    to = doc[according.i + 1]
    objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in according.children if c.dep_ == "pobj"]
    if not objs:
        return None
    source_tok = objs[0]
    if source_tok.lemma_.lower() in lexicon.word_set("according_to_non_sources"):
        return None
    sent = ctx.sentences.of_token(according.i)
    # the source's own appositive or relative clause belongs to the phrase ('according to a
    # study by Ana Quist, a former budget clerk, whose figures...')
    pp_end = _phrase_end(ctx, max(to.i + 1, min(source_tok.right_edge.i + 1, sent.end)), sent.end)
    pp_start = according.i
    if pp_start > sent.start and doc[pp_start - 1].text == ",":
        pp_start -= 1
    before = _segment(ctx, sent.start, pp_start, last=True)
    after = _segment(ctx, pp_end, sent.end, last=False)
    if before and after and _trailing_participle(doc[after[0]], before):
        after = None  # 'X is investigating WeWork, according to two people, adding to its woes'
    if before and after and not _has_predicate(doc, after):
        after = None  # '..., according to the Intelligencer, the Wheeling paper.': the source's appositive
    found = [r for r in (before, after) if r and any(doc[i].is_alpha for i in range(*r))]
    if not found:
        return None
    rules = ["cue.according_to.v2"]
    if before and not after and ctx.rules.enabled("cue.according_to_that.v1"):
        previous = _stands_for_previous(ctx, before, sent.start)
        if previous is not None:
            found, rules = [previous, (before[0], before[0] + 1)], [*rules, "cue.according_to_that.v1"]
    if ctx.rules.enabled("trim.inner_aside.v1"):
        pieces = [p for r in found for p in (trim(doc, piece) for piece in inner_asides(ctx, *r)) if p]
        if pieces and pieces != found:
            found, rules = pieces, [*rules, "trim.inner_aside.v1"]
    return Candidate(
        content=ranges(ctx, found),
        cue=chars(doc, (according.i, to.i + 1)),
        source=mention(ctx, source_tok),
        pattern="according_to",
        cue_class="according_to",
        stance="neutral",
        confidence=confidence("cue.according_to.v2"),
        rules=rules,
        cue_head=according.i,
        source_head=source_tok.i,
    )


@rule(
    "cue.according_to_that.v1",
    stage="switch",
    order=0,
    purpose="""'Teens love their earbuds. That's according to a new survey.': a demonstrative and a
    copula before 'according to' stand for the sentence before, which is the content (with the
    demonstrative).""",
    examples=[
        Example(
            "Teens love their earbuds more than ever. That's according to a new survey from the bank.",
            content="Teens love their earbuds more than ever That",
        )
    ],
    counterexamples=["That plan is working, according to a new survey from the bank."],
)
def _stands_for_previous(ctx: DocContext, before: TokRange, sent_start: int) -> TokRange | None:
    """The sentence before, when the content before the phrase is only 'That's' or 'This is'."""
    doc = ctx.doc
    words = [t for t in doc[before[0] : before[1]] if not is_space(t)]
    if not (len(words) == 2 and words[0].lower_ in ("that", "this") and words[1].lemma_ == "be" and sent_start > 0):
        return None
    previous = ctx.sentences.of_token(sent_start - 1)
    if ctx.sentences.index_of(previous.start) == ctx.sentences.index_of(sent_start):
        return None
    return trim(doc, (previous.start, previous.end))


def _has_predicate(doc: Doc, span: TokRange) -> bool:
    """Whether a stretch holds a verb: content states something; a bare noun phrase after the
    source is the source's own appositive."""
    return any(doc[i].pos_ in ("VERB", "AUX") for i in range(*span))


def _trailing_participle(first: Token, before: TokRange) -> bool:
    """A participle after the phrase that hangs on the content before it: the writer's remark."""
    return first.tag_ == "VBG" and first.dep_ in ("advcl", "xcomp", "conj") and before[0] <= first.head.i < before[1]


def _phrase_end(ctx: DocContext, start: int, limit: int) -> int:
    """End of a phrase: the next comma, colon or semicolon outside quotes and brackets."""
    depth = 0
    for i in range(start, limit):
        text = ctx.doc[i].text
        if text in ("(", "["):
            depth += 1
        elif text in (")", "]"):
            depth = max(0, depth - 1)
        elif depth == 0 and text in (",", ";", ":", "—") and not ctx.inside_quote(ctx.doc[i].idx):
            return i
    return limit


def _segment(ctx: DocContext, start: int, end: int, *, last: bool) -> TokRange | None:
    """The part of tokens [start, end) next to a cut: after the last (or before the first)
    colon or semicolon, without an introductory participial phrase."""
    doc = ctx.doc
    seps = [i for i in range(start, end) if doc[i].text in (":", ";") and not ctx.inside_quote(doc[i].idx)]
    if seps:
        start, end = (seps[-1] + 1, end) if last else (start, seps[0])
    first = next((doc[i] for i in range(start, end) if not is_space(doc[i])), None)
    if first is not None and first.tag_ in ("VBG", "VBN") and first.dep_ in ("advcl", "csubj", "ROOT", "acl"):
        comma = next((i for i in range(first.i, end) if doc[i].text == "," and i >= first.right_edge.i), None)
        if comma is not None:
            start = comma + 1
    return trim(doc, (start, end)) if end > start else None
