"""Passes over everything found, in order: content snapped to quotation marks, quotations no
cue claimed attached, only the outermost attribution kept, filters."""

from __future__ import annotations

import sys

from accordingto.analyze import lexicon
from accordingto.analyze.candidate import Candidate, merge, mostly_inside, same_content
from accordingto.analyze.context import DocContext
from accordingto.analyze.engine import EngineState
from accordingto.analyze.rules.attach import AttachState, stands_alone
from accordingto.analyze.ruleset import Example, rule
from accordingto.analyze.syntax import overlap

MIN_QUOTE_WORDS = 4


@rule(
    "policy.snap_to_quotes.v2",
    stage="policy",
    order=10,
    purpose="""Content that reaches into a quotation takes all of it, marks included, save what
    stands before the attribution's own cue ('"WALLACE: Let us start...', a transcript quoted
    paragraph by paragraph: the label and its colon are not the speaker's words) (v2).""",
    examples=[Example('Bemoaning the "phony system," Trump promised a fight.', content='the "phony system,"')],
    counterexamples=[
        "He said the deal was a disaster for working people.",
        'Chris Wallace interviewed Mike Pence.\n\n"WALLACE: Let us start with the debate. Will she be there?',
    ],
)
def snap_to_quotes(ctx: DocContext, found: list[Candidate], state: EngineState) -> list[Candidate]:
    for cand in found:
        spans = []
        changed = False
        for s, e in cand.content:
            for q in ctx.quotes:  # in text order: none after one that starts at the end or later reaches in
                if q.start >= e:
                    break
                if overlap((s, e), (q.start, q.end)) > 0:
                    grown = (_start_after_own_cue(cand, s, q.start), max(e, q.end))
                    changed = changed or grown != (s, e)
                    s, e = grown
                    cand.quote_chains.add(q.chain)
            spans.append((s, e))
        cand.content = merge(spans)
        if changed:
            cand.note("policy.snap_to_quotes.v2")
    return found


def _start_after_own_cue(cand: Candidate, start: int, quote_start: int) -> int:
    """Where content grown to its quotation starts: the quotation's start, unless the
    attribution's own cue stands between them ('"WALLACE: Let us start...', a transcript quoted
    paragraph by paragraph: the label and its colon are not the speaker's words)."""
    if quote_start < start and cand.cue is not None and quote_start <= cand.cue[0] and cand.cue[1] <= start:
        return start
    return min(start, quote_start)


@rule(
    "policy.attach_quotes.v1",
    stage="policy",
    order=20,
    purpose="""Every quotation of four words or more (or standing alone) that no attribution holds
    is given to one through the attach rules, in their order.""",
    examples=[
        Example(
            "“The team is in survival mode. Pure survival mode,” said Dora Finch, "
            "a Tampa-based chair of the county growers' league.",
            content="“The team is in survival mode. Pure survival mode,”",
        )
    ],
    counterexamples=["The mayor spoke about the water on Monday."],
)
def attach_quotes(ctx: DocContext, found: list[Candidate], state: EngineState) -> list[Candidate]:
    st = AttachState(found=found, ordered=sorted(found, key=lambda c: c.start), engine=state)
    attach_rules = ctx.rules.stage("attach")
    for quote in ctx.quotes:
        qr = (quote.start, quote.end)
        if any(mostly_inside(qr, c.content) for c in found):
            continue
        words = len(ctx.text[quote.start : quote.end].split())
        if words < MIN_QUOTE_WORDS and not stands_alone(ctx, quote):
            continue
        for r in attach_rules:
            holder = r.func(ctx, quote, st)
            if holder is None:
                continue
            holder.note("policy.attach_quotes.v1")
            if not any(c is holder for c in found):
                found.append(holder)
                st.ordered = sorted(found, key=lambda c: c.start)
            break
    return found


@rule(
    "policy.outermost.v1",
    stage="policy",
    removes=True,
    order=30,
    purpose="""Only the outermost attribution counts (a cue inside another attribution's content is
    nested in it, as PolNeAR annotates); of two with the same content the surest stays.""",
    examples=[
        Example(
            "Reardon criticized Lamport for saying that a minimum wage is bad for business.",
            content="that a minimum wage is bad for business",
        )
    ],
    counterexamples=["Reardon said a minimum wage is good for business."],
)
def outermost(ctx: DocContext, found: list[Candidate], state: EngineState) -> list[Candidate]:
    kept: list[tuple[Candidate, int, int]] = []  # with the extent of its content
    for cand in sorted(found, key=lambda c: (-c.content_chars(), -c.confidence)):
        cue = cand.cue
        start, end = _extent(cand)
        nested = False
        for outer, outer_start, outer_end in kept:
            if outer_end <= start or end <= outer_start:
                continue  # apart: neither test below can hold (a long article has thousands)
            if cue is not None and outer.covers(cue) and not (outer.cue and cand.covers(outer.cue)):
                nested = True
                break
            if same_content(outer.content, cand.content):
                nested = True
                break
        if not nested:
            kept.append((cand, *_content_extent(cand)))
    return [cand for cand, _, _ in kept]


def _content_extent(cand: Candidate) -> tuple[int, int]:
    if not cand.content:
        return 0, sys.maxsize  # never skipped: two empty contents are the same content
    return min(s for s, _ in cand.content), max(e for _, e in cand.content)


def _extent(cand: Candidate) -> tuple[int, int]:
    """From the start to the end of its content and cue."""
    start, end = _content_extent(cand)
    if cand.cue is not None:
        start, end = min(start, cand.cue[0]), max(end, cand.cue[1])
    return start, end


def _is_anonymity_request(ctx: DocContext, cand: Candidate) -> bool:
    if cand.cue is None:
        return False
    window = ctx.text[cand.cue[0] : cand.end]
    stripped = window.strip()
    # nearly every candidate: one scan of each instead of one per pattern (the stripped text
    # only when it is another text: most windows have no space to strip)
    if not (
        lexicon.matches_any("anonymity.txt", window)
        or (stripped != window and lexicon.matches_any("anonymity.txt", stripped))
    ):
        return False
    return any(
        p.fullmatch(stripped) or (p.search(window) and len(window) < 60) for p in lexicon.patterns("anonymity.txt")
    )


@rule(
    "policy.anonymity_request.v1",
    stage="policy",
    removes=True,
    order=40,
    purpose="""'who asked not to be named': a request for anonymity is recorded on the source
    (anonymity.txt), not reported as a statement of its own.""",
    examples=[
        Example(
            "An official, who asked not to be named, said the talks had stalled.",
            content="not to be named",
            cue="asked",
        )
    ],
    counterexamples=["An official asked reporters to leave the room."],
)
def anonymity_request(ctx: DocContext, found: list[Candidate], state: EngineState) -> list[Candidate]:
    return [c for c in found if not _is_anonymity_request(ctx, c)]
