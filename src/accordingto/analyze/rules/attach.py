"""Quotations no cue claimed: a cue right after or before them, a colon, or the last
speaker continuing. Run by ``policy.attach_quotes.v1``, in this order, first answer wins."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from accordingto.analyze.candidate import Candidate, merge
from accordingto.analyze.context import DocContext
from accordingto.analyze.engine import EngineState
from accordingto.analyze.quotes import Quote
from accordingto.analyze.rules.common import class_confidence, confidence, cue_lemma, is_verb_cue, mention, recipient
from accordingto.analyze.ruleset import Example, rule
from accordingto.analyze.syntax import chars, find_subject, is_quote_mark, is_space, verb_group

#: words of a gap that a quotation continuing the last speaker may follow within its paragraph
MAX_CONTINUATION_GAP_WORDS = 8
#: words a quotation needs to go on with a reported statement (as policy.attach_quotes.v1 asks of one
#: that does not stand alone)
MIN_CONTINUED_WORDS = 4


@dataclass(slots=True)
class AttachState:
    """The attributions so far, and the same sorted by start (kept as the pass goes)."""

    found: list[Candidate]
    ordered: list[Candidate]
    engine: EngineState


def stands_alone(ctx: DocContext, quote: Quote) -> bool:
    """Whether a quotation is a sentence or paragraph of its own."""
    before = ctx.text[: quote.start].rstrip(" \t\u00a0•*-–—")
    return not before or before[-1] in "\n.!?:"


def _inverted_subject(verb: Token) -> Token | None:
    """'said Dr. Talcott': a noun right after the verb, parsed as its object."""
    for child in verb.rights:
        if child.dep_ in ("dobj", "attr", "npadvmod") and (child.pos_ in ("PROPN", "NOUN", "PRON")):
            return child
    return None


def quote_candidate(ctx: DocContext, verb: Token, quote: Quote, st: AttachState, rule_id: str) -> Candidate | None:
    """The verb's attribution holding the quotation: the verb's own, extended, or a new one."""
    subject = find_subject(verb)
    if subject is not None and quote.start <= subject.idx < quote.end:
        outside = [c for c in verb.children if c.dep_ == "nsubj" and not quote.start <= c.idx < quote.end]
        subject = outside[0] if outside else None
    if subject is None:
        subject = _inverted_subject(verb)
    if subject is not None and quote.start <= subject.idx < quote.end:
        return None
    qr = (quote.start, quote.end)
    existing = st.engine.by_cue.get(verb.i)
    if existing is not None:
        existing.content = merge([*existing.content, qr])
        existing.quote_chains.add(quote.chain)
        existing.note(rule_id)
        return existing
    entry = ctx.verbs[cue_lemma(verb)]
    score = class_confidence(entry.cls)
    if subject is None:
        score -= confidence("penalty:missing_source.quote")
    rules = [rule_id]
    told = recipient(verb) if ctx.rules.enabled("source.recipient.v1") else None
    if told is not None:
        rules.append("source.recipient.v1")
    cand = Candidate(
        content=[qr],
        cue=chars(ctx.doc, verb_group(verb)),
        source=mention(ctx, subject) if subject is not None else None,
        pattern="quote",
        cue_class=entry.cls,
        stance=entry.stance,
        confidence=score,
        rules=rules,
        cue_head=verb.i,
        source_head=subject.i if subject is not None else None,
        recipient_head=told,
        quote_chains={quote.chain},
    )
    st.engine.by_cue[verb.i] = cand
    return cand


@rule(
    "attach.cue_after.v1",
    stage="attach",
    order=10,
    purpose="""'“...,” the official said.' / '“...,” said Dr. Talcott.': a cue verb within a dozen
    words after the quotation, in its sentence and paragraph, when the quotation ends a clause
    (',', '?', '.') or only the cue's subject comes between; not a quoted term that is the
    subject of another verb ('“Humidifier lung” may result from ..., guess what, ...').""",
    examples=[
        Example(
            "“The team is in survival mode. Pure survival mode,” said Dora Finch, "
            "a Tampa-based chair of the county growers' league.",
            content="“The team is in survival mode. Pure survival mode,”",
            source="Dora Finch, a Tampa-based chair of the county growers' league",
        )
    ],
    counterexamples=["“Striking.” The doctor left the room."],
)
def cue_after(ctx: DocContext, quote: Quote, st: AttachState) -> Candidate | None:
    doc = ctx.doc
    span = doc.char_span(quote.end, min(len(ctx.text), quote.end + 120), alignment_mode="expand")
    if span is None:
        return None
    first = span.start
    for seen, tok in enumerate(doc[first : min(len(doc), first + 12)]):
        if tok.text == "\n" or "\n" in tok.text or (is_quote_mark(tok) and tok.i > first):
            break
        if tok.is_punct and tok.text in ".!?" and seen:
            break
        if is_verb_cue(ctx, tok):
            if not _reports_the_quote(ctx, quote, tok):
                return None
            return quote_candidate(ctx, tok, quote, st, "attach.cue_after.v1")
    return None


def _reports_the_quote(ctx: DocContext, quote: Quote, verb: Token) -> bool:
    """Whether the cue after a quotation reports it: the quotation ends a sentence or a clause
    ('“...,” she said', '“...?” he asked'), or only the cue's subject and verb group come between
    ('“...” the official said'); not '“Humidifier lung” may result from ..., guess what, ...'."""
    doc = ctx.doc
    inner = ctx.text[quote.start : quote.inner_end(ctx.text)].rstrip()
    after = ctx.text[quote.end : quote.end + 2].lstrip()
    if (inner and inner[-1] in ",.?!…—–-") or (after and after[0] in ",—–"):
        return True
    span = doc.char_span(quote.end, verb.idx, alignment_mode="expand")
    between = [t for t in span if not is_space(t)] if span is not None else []
    subject = find_subject(verb)
    allowed = set(range(*verb_group(verb)))
    if subject is not None:
        allowed |= set(range(subject.left_edge.i, subject.right_edge.i + 1))
    return all(t.i in allowed or t.i == verb.i or is_quote_mark(t) for t in between)


def _cue_window(ctx: DocContext, quote: Quote) -> tuple[list[Token], Token | None] | None:
    """The tokens before a quotation introduced by ',', ':' or a dash, and the cue verb among
    the last of them (None when there is none); None when nothing introduces the quotation."""
    before = ctx.text[: quote.start].rstrip()
    if not before or before[-1] not in ",:—–":
        return None
    span = ctx.doc.char_span(max(0, quote.start - 200), quote.start, alignment_mode="expand")
    if span is None:
        return None
    toks = list(span)
    while toks and is_space(toks[-1]):
        toks.pop()
    for tok in reversed(toks[-14:]):
        if "\n" in tok.text or is_quote_mark(tok):
            break
        if is_verb_cue(ctx, tok):
            return toks, tok
    return toks, None


@rule(
    "attach.cue_before.v1",
    stage="attach",
    order=20,
    purpose="""'He said: “...”' / 'Sullivan told reporters at the White House, “...': a cue verb
    among the last words before a quotation introduced by a comma, colon or dash.""",
    examples=[
        Example(
            "He described the plan as a disaster: “It will ruin every family in this town.”",
            content="the plan as a disaster “It will ruin every family in this town.”",
            cue="described",
        )
    ],
    counterexamples=["Sullivan arrived at the White House, “late as usual.”"],
)
def cue_before(ctx: DocContext, quote: Quote, st: AttachState) -> Candidate | None:
    window = _cue_window(ctx, quote)
    if window is None or window[1] is None:
        return None
    return quote_candidate(ctx, window[1], quote, st, "attach.cue_before.v1")


def _colon_source(ctx: DocContext, colon: Token) -> Token | None:
    prev = ctx.doc[colon.i - 1] if colon.i > 0 else None
    if prev is None or prev.is_space:
        return None
    if prev.pos_ in ("PROPN", "NOUN", "PRON") and (prev.pos_ == "PROPN" or prev.lemma_.lower() in ctx.source_nouns):
        source = prev
        while source.dep_ in ("compound", "flat") and source.head.i > source.i:
            source = source.head
        return source
    verb = (
        prev if prev.pos_ in ("VERB", "AUX") else next((a for a in prev.ancestors if a.pos_ in ("VERB", "AUX")), None)
    )
    return find_subject(verb) if verb is not None else None


@rule(
    "attach.colon.v1",
    stage="attach",
    order=30,
    purpose="""'More from the report: “...”', 'She then addressed the supporters again: “...”': with
    no cue verb before it, the colon introducing a quotation is the cue; the source is the noun
    phrase before it or the subject of the clause it ends.""",
    examples=[
        Example(
            "She then addressed the supporters again: “We will not give up this fight.”",
            content="“We will not give up this fight.”",
            source="She",
        )
    ],
    counterexamples=["Items on sale: “Fresh bread,” milk and eggs."],
)
def colon_quote(ctx: DocContext, quote: Quote, st: AttachState) -> Candidate | None:
    window = _cue_window(ctx, quote)
    if window is None or window[1] is not None:
        return None
    toks = window[0]
    if not toks or toks[-1].text != ":":
        return None
    colon = toks[-1]
    source = _colon_source(ctx, colon)
    if source is None or source.i >= colon.i:
        return None
    return Candidate(
        content=[(quote.start, quote.end)],
        cue=chars(ctx.doc, (colon.i, colon.i + 1)),
        source=mention(ctx, source),
        pattern="colon",
        cue_class="speech",
        stance="neutral",
        confidence=confidence("attach.colon.v1"),
        rules=["attach.colon.v1"],
        cue_head=colon.i,
        source_head=source.i,
        quote_chains={quote.chain},
    )


@rule(
    "attach.continue.v1",
    stage="attach",
    order=40,
    purpose="""A quotation with no cue continues an attribution: the same multi-paragraph chain, or
    the last quotation-bearing attribution before it, when only a paragraph break or short
    paraphrase ('she said, adding that ...') lies between.""",
    examples=[
        Example(
            "“We’ll be here for a while yet,” she said.\n\n“These cases take a lot of patience and time.”",
            content="“We’ll be here for a while yet,” “These cases take a lot of patience and time.”",
        )
    ],
    counterexamples=["The weather was fine.\n\n“These cases take a lot of patience and time.”"],
)
def continued_speaker(ctx: DocContext, quote: Quote, st: AttachState) -> Candidate | None:
    owner = _continued(ctx, quote, st.ordered)
    if owner is None:
        return None
    owner.content = merge([*owner.content, (quote.start, quote.end)])
    owner.quote_chains.add(quote.chain)
    owner.note("attach.continue.v1")
    return owner


def _continued(ctx: DocContext, quote: Quote, ordered: list[Candidate], *, check: bool = True) -> Candidate | None:
    for cand in ordered:
        if quote.chain in cand.quote_chains:
            return cand
    quoted = [c for c in ordered if c.end <= quote.start and c.quote_chains and c.source is not None]
    if not quoted:
        return None
    last = max(quoted, key=lambda c: c.end)
    gap = ctx.text[last.end : quote.start]
    if gap.count("\n\n") > 1 or len(gap) > 400:
        return None
    if check and ctx.rules.enabled("attach.intervening_speaker.v1") and _speaker_between(ctx, last, quote, ordered):
        return None
    if not stands_alone(ctx, quote) and len(gap.split()) > MAX_CONTINUATION_GAP_WORDS:
        return None
    return last


@rule(
    "attach.intervening_speaker.v1",
    stage="switch",
    order=0,
    purpose="""'“…,” the statement concluded. Her spokesman told reporters that this was not the
    whole truth. “…”': when a sentence of its own with another attribution (a source that is no
    pronoun, and a reported statement) stands between a quotation and the last quotation-bearing attribution
    before it, the quotation does not continue that earlier speaker (attach.continue.v1): the
    speaker just reported is the one who goes on (attach.continue_indirect.v1). A paraphrase in
    the same sentence ('“…,” she said, adding that…') does not stand between, nor does a pronoun
    source ('He did not suggest retaliation.'), most often the same speaker going on.""",
    examples=[
        Example(
            "“We tried to reach an agreement for months,” the label's statement said.\n\n"
            "Her spokesman told reporters that this was not the whole truth. "
            "“The label is trying to make this about money, and it owes her royalties.”",
            content="that this was not the whole truth "
            "“The label is trying to make this about money, and it owes her royalties.”",
        )
    ],
    counterexamples=[
        "“We tried to reach an agreement for months,” the statement said, adding that talks had failed.\n\n"
        "“The singer made a decision of her own last night.”"
    ],
)
def _speaker_between(ctx: DocContext, last: Candidate, quote: Quote, ordered: list[Candidate]) -> bool:
    """Whether an attribution with a source, its cue in a later sentence than the end of
    ``last``, lies wholly between ``last`` and the quotation."""
    before = _sentence_number(ctx, last.end - 1)
    for cand in ordered:
        if cand is last or cand.source is None or cand.start < last.end or cand.end > quote.start:
            continue
        if cand.source_head is not None and ctx.doc[cand.source_head].pos_ == "PRON":
            continue  # 'He did not suggest retaliation.': most often the same speaker going on
        if _sentence_number(ctx, cand.cue[0] if cand.cue else cand.start) > before:
            return True
    return False


def _sentence_number(ctx: DocContext, char: int) -> int:
    sent = ctx.sentences.of_char(char)
    return ctx.sentences.index_of(sent.start) if sent is not None else -1


@rule(
    "attach.continue_indirect.v1",
    stage="attach",
    order=45,
    purpose="""A quotation standing alone right after a reported statement with no quotation of
    its own ('Her lawyer said the claim was false. “They are trying to change the subject.”')
    goes on with that statement: the speaker just paraphrased now speaks in full. Only the
    nearest attribution before it, with a source, at most a paragraph break and a few words
    away (attach.continue.v1 went first: a quotation-bearing attribution before it wins).""",
    examples=[
        Example(
            "Her lawyer told reporters that this, too, was false. “The company is trying to change "
            "the subject by saying she owes money, but an auditor found the opposite.”",
            content="that this, too, was false “The company is trying to change the subject by saying "
            "she owes money, but an auditor found the opposite.”",
        )
    ],
    counterexamples=["The weather was fine on Monday. “These cases take a lot of patience and time.”"],
)
def continued_indirect(ctx: DocContext, quote: Quote, st: AttachState) -> Candidate | None:
    if not stands_alone(ctx, quote) or len(ctx.text[quote.start : quote.end].split()) < MIN_CONTINUED_WORDS:
        return None
    if not _ends_a_sentence(ctx, quote):
        return None  # '“They were rivals,” ...': a reporting clause of its own follows, the parse missed it
    if ctx.text[: quote.start].rstrip(" \t\u00a0").endswith(":"):
        return None  # 'described the plan as a disaster: “...”': the colon's (attach.cue_before.v1, attach.colon.v1)
    before = [c for c in st.ordered if c.end <= quote.start and c.content]
    if not before:
        return None
    last = max(before, key=lambda c: c.end)
    if last.source is None or last.quote_chains:
        return None  # no one to continue, or a quotation-bearing one attach.continue.v1 passed over
    gap = ctx.text[last.end : quote.start]
    if gap.count("\n\n") > 1 or len(gap.split()) > MAX_CONTINUATION_GAP_WORDS:
        return None
    last.content = merge([*last.content, (quote.start, quote.end)])
    last.quote_chains.add(quote.chain)
    last.note("attach.continue_indirect.v1")
    if _continued(ctx, quote, st.ordered, check=False) is not None:
        last.note("attach.intervening_speaker.v1")  # it kept the earlier speaker from taking the quotation
    return last


def _ends_a_sentence(ctx: DocContext, quote: Quote) -> bool:
    """Whether a quotation closes with its sentence's end mark and nothing of its sentence follows."""
    inner = ctx.text[quote.start : quote.end].rstrip().rstrip("\"'”’»")
    if not inner or inner[-1] not in ".!?…":
        return False
    after = ctx.text[quote.end : quote.end + 40].lstrip(" \t\u00a0")
    return not after or after[0] == "\n" or not after[0].islower()
