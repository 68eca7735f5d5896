"""Quotations: every quotation has a speaker the reader can identify."""

from __future__ import annotations

import re
from collections.abc import Iterator

from accordingto.analyze.quotes import Quote, find_quotes
from accordingto.check.registry import CheckContext, Flag, check
from accordingto.models import Source, Span

QUOTE_STANDARD = (
    "AP Stylebook, 'quotations in the news': never alter a quotation and identify who said it; "
    "Reuters Handbook of Journalism, 'Quotes'"
)
PRONOUNS = frozenset({"he", "she", "they"})
#: two or more capitalised words: a name the pronoun may stand for, even one the analysis
#: did not link
_NAME_LIKE = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)+\b|\b(?:Mr|Mrs|Ms|Dr)\.? [A-Z][a-z]+")
#: fewer words than this are a quoted term or a title, not a statement
MIN_SPEECH_WORDS = 4


#: "WALLACE: Let's start..." - a transcript line names its speaker
_SPEAKER_LABEL = re.compile(r"\s*[A-Z][A-Z .'-]{1,40}:\s")
_PARAGRAPH_LEAD = " \t\u00a0•·*-–—▪►●◦"


def _paragraph(ctx: CheckContext, offset: int) -> tuple[int, int]:
    start = ctx.text.rfind("\n", 0, offset) + 1
    end = ctx.text.find("\n", offset)
    return start, len(ctx.text) if end < 0 else end


def _stands_alone(ctx: CheckContext, quotes: list[Quote]) -> bool:
    """A quotation that is its paragraph (or paragraphs) and nothing else: no "she said"
    around it. A quotation inside a sentence is a partial quote, a title, a slogan or a scare
    quote, whose speaker (if any) is the sentence's subject."""
    first, last = quotes[0], quotes[-1]
    start, _ = _paragraph(ctx, first.start)
    _, end = _paragraph(ctx, max(last.start, last.end - 1))
    before = ctx.text[start : first.start].strip(_PARAGRAPH_LEAD)
    after = ctx.text[last.end : end].strip(" \t\r\u00a0.,;:")
    return not before and not after


def _speech_like(inner: str) -> bool:
    """A statement, not a pull-quote heading: a sentence's punctuation, or many words."""
    words = re.findall(r"\w+", inner)
    if len(words) < MIN_SPEECH_WORDS or not inner.lstrip()[:1].isupper():
        return False
    return len(words) >= 10 or inner.rstrip()[-1:] in ".?!…,"


def _continues_an_attribution(ctx: CheckContext, offset: int) -> bool:
    """Whether the paragraph before holds an attribution of a person: a quotation paragraph
    after 'Erekat said...' continues Erekat, as news copy does (a group rarely speaks in one
    voice, so a quotation after "two officials said" still needs its speaker)."""
    start, _ = _paragraph(ctx, offset)
    if start == 0:
        return False
    previous_start, _ = _paragraph(ctx, start - 1)
    while previous_start > 0 and not ctx.text[previous_start:start].strip():
        previous_start, _ = _paragraph(ctx, previous_start - 1)
    return any(
        a.source is not None and ctx.sources_by_id[a.source].kind == "person" and previous_start <= a.start < start
        for a in ctx.analysis.attributions
    )


def _introduced(ctx: CheckContext, offset: int) -> bool:
    """Whether the paragraph before ends with a colon: "Partial transcript as follows:"."""
    before = ctx.text[:offset].rstrip()
    return before.endswith(":")


def _covered(ctx: CheckContext, start: int, end: int) -> bool:
    """Inside the content of an attribution that has a source, or outside the prose."""
    for attribution in ctx.analysis.attributions:
        if attribution.source is None:
            continue
        for span in attribution.content:
            if span.start < end and start < span.end:
                return True
    return not ctx.in_prose(start)


@check(
    "QT301",
    "quote-no-speaker",
    severity="error",
    title="A quotation with no identifiable speaker",
    why="""A quotation is a person's exact words; without a speaker the reader cannot tell who
    is speaking or whether anyone did.""",
    fix="""Attribute the quotation ("..., said Dana Whitfield, the mayor") or paraphrase it in
    the outlet's voice with its source.""",
    standard=QUOTE_STANDARD,
    example='The mayor spoke on Monday.\n\n"This is the end of the line for a lot of families."',
    fixed_example='"This is the end of the line for a lot of families," Mayor Dana Whitfield said on Monday.',
)
def quote_no_speaker(ctx: CheckContext) -> Iterator[Flag]:
    chains: dict[int, list[Quote]] = {}
    for quote in find_quotes(ctx.text):
        chains.setdefault(quote.chain, []).append(quote)
    for quotes in chains.values():
        if any(_covered(ctx, q.start, q.end) for q in quotes) or not _stands_alone(ctx, quotes):
            continue
        first = quotes[0]
        inner = ctx.text[first.inner_start : first.inner_end(ctx.text)]
        if not _speech_like(inner) or _continues_an_attribution(ctx, first.start):
            continue
        if _SPEAKER_LABEL.match(inner) or _introduced(ctx, first.start):
            continue  # a transcript ("WALLACE: ...") or a quotation introduced as such ("...said:")
        yield Flag(
            f'quotation "{ctx.quote(inner)}" has no identifiable speaker',
            [Span(q.start, q.end, ctx.text[q.start : q.end]) for q in quotes],
        )


def _only_pronouns(source: Source) -> bool:
    return bool(source.mentions) and all(m.text.lower() in PRONOUNS for m in source.mentions)


def _no_antecedent(ctx: CheckContext, offset: int) -> bool:
    """No person is named before ``offset``: no named person source, no name-like words.
    When a name is there, the pronoun has an antecedent the analysis may have missed."""
    for source in ctx.analysis.sources:
        if source.named and source.kind == "person" and any(m.start < offset for m in source.mentions):
            return False
    return not any(ctx.in_prose(match.start()) for match in _NAME_LIKE.finditer(ctx.text, 0, offset))


@check(
    "QT302",
    "quote-pronoun-only",
    severity="error",
    title="A quotation whose speaker is only a pronoun with nobody it refers to",
    why="""'"We have no money left," he said' with no one named before it leaves the reader to
    guess who "he" is.""",
    fix="""Name the speaker at the first quotation ("..., said Ken Ortiz, the city's budget
    director") and use the pronoun after that.""",
    standard=QUOTE_STANDARD,
    example='"We have no money left," he said.',
    fixed_example='"We have no money left," said Ken Ortiz, the city\'s budget director.',
)
def quote_pronoun_only(ctx: CheckContext) -> Iterator[Flag]:
    for source in ctx.analysis.sources:
        if not _only_pronouns(source):
            continue
        attributions = ctx.attributions_by_source.get(source.id, [])
        for attribution in attributions:
            mention = attribution.source_mention or source.mentions[0]
            if attribution.type not in ("direct", "mixed") or not _no_antecedent(ctx, mention.start):
                continue
            yield Flag(
                f'"{ctx.quote(attribution.content[0].text, 40)}" is attributed only to "{mention.text}", '
                "who is not named anywhere before",
                [mention, *attribution.content],
                [attribution.id],
                [source.id],
            )
