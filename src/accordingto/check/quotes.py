"""Quotations: every quotation has a speaker the reader can identify."""

from __future__ import annotations

import re
from collections.abc import Iterator

from accordingto.analyze.quotes import find_quotes
from accordingto.check.registry import CheckContext, Flag, check
from accordingto.models import Source, Span

QUOTE_STANDARD = (
    "AP Stylebook, 'quotations in the news': never alter a quotation and identify who said it; "
    "Reuters Handbook of Journalism, 'Quotes'"
)
PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them", "it", "his", "hers", "their"})
#: a quotation this long, or one ending in a sentence's punctuation, is speech, not a
#: quoted term ("red line") or a title
MIN_SPEECH_WORDS = 6


def _speech_like(inner: str) -> bool:
    words = re.findall(r"\w+", inner)
    if len(words) >= MIN_SPEECH_WORDS:
        return True
    return len(words) >= 3 and inner.rstrip()[-1:] in ".?!,…"


def _covered(ctx: CheckContext, start: int, end: int) -> bool:
    for attribution in ctx.analysis.attributions:
        for span in attribution.content:
            if span.start < end and start < span.end:
                return True
    return any(e.start <= start < e.end for e in ctx.analysis.article.excluded)


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
    for attribution in ctx.analysis.attributions:
        if attribution.type in ("direct", "mixed") and attribution.source is None:
            span = attribution.content[0]
            yield Flag(
                f'quotation "{ctx.quote(span.text)}" has no identifiable speaker',
                list(attribution.content),
                [attribution.id],
            )
    chains_covered: set[int] = set()
    quotes = find_quotes(ctx.text)
    for quote in quotes:
        if _covered(ctx, quote.start, quote.end):
            chains_covered.add(quote.chain)
    for quote in quotes:
        inner = ctx.text[quote.inner_start : quote.inner_end(ctx.text)]
        if quote.chain in chains_covered or not _speech_like(inner):
            continue
        yield Flag(
            f'quotation "{ctx.quote(inner)}" has no identifiable speaker',
            [Span(quote.start, quote.end, ctx.text[quote.start : quote.end])],
        )


def _only_pronouns(source: Source) -> bool:
    return bool(source.mentions) and all(m.text.lower() in PRONOUNS for m in source.mentions)


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
            yield Flag(
                f'"{ctx.quote(attribution.content[0].text, 40)}" is attributed only to "{mention.text}", '
                "who is not named anywhere before",
                [mention, *attribution.content],
                [attribution.id],
                [source.id],
            )
