"""Figures: every figure that is not common knowledge has a source, and a caveat the
article puts on a source's figures goes with all of them."""

from __future__ import annotations

from collections.abc import Iterator

from accordingto.check.lexicon import matches_any
from accordingto.check.registry import CheckContext, Flag, check
from accordingto.models import Claim, Source, Span

ATTRIBUTE_FIGURES = (
    "AP Stylebook, 'numbers' and 'polls and surveys'; BBC Editorial Guidelines, 'Reporting "
    "statistics': say where a figure comes from unless it is common knowledge"
)


def _common_knowledge(claim: Claim) -> bool:
    """Years, ages, durations, ordinals and the like need no source."""
    described = f"{claim.text} {claim.unit or ''}".strip()
    return (
        matches_any("common_knowledge.txt", described) is not None
        or matches_any("common_knowledge.txt", claim.text) is not None
    )


def _statistic(claim: Claim, min_count: float, min_amount: float) -> bool:
    """A figure a reader would want sourced: a share, an amount of money, or a count large
    enough not to be a plain observed fact ("three people were arrested")."""
    unit = claim.unit or ""
    if unit in ("percent", "percentage points"):
        return True
    if claim.value is None:
        return False
    if len(unit) == 3 and unit.isupper():  # a currency: a budget, not a ticket's price
        return abs(claim.value) >= min_amount
    return abs(claim.value) >= min_count


@check(
    "FG201",
    "figure-unsourced",
    severity="warning",
    title="A statistic in the outlet's own voice with no source",
    why="""A share, an amount of money or a large count that the story states without saying
    where it comes from asks the reader to take it on the outlet's word; a fact-checker cannot
    trace it. Dates, ages, durations, measurements, ordinals, small counts of observed things
    ("three people were arrested", below min_count) and prices (amounts below min_amount) are
    not counted.""",
    fix="""Say who supplies the figure ("according to the city's budget office") or link the
    dataset it comes from.""",
    standard=ATTRIBUTE_FIGURES,
    params={"min_count": 100, "min_amount": 10000},
    example="The deficit is $12 million, the highest in a decade.",
    fixed_example="The deficit is $12 million, the highest in a decade, according to the city comptroller.",
)
def figure_unsourced(ctx: CheckContext) -> Iterator[Flag]:
    for claim in ctx.analysis.claims:
        if claim.source is not None or claim.attribution is not None:
            continue
        if _common_knowledge(claim) or not ctx.in_prose(claim.start):
            continue
        if not _statistic(claim, float(ctx.param("min_count")), float(ctx.param("min_amount"))):
            continue
        yield Flag(
            f'figure "{ctx.quote(claim.text)}" has no source',
            [Span(claim.start, claim.end, claim.text)],
        )


#: how far before "could not be verified" the source's mention may end ("The ministry's
#: figures could not be verified"): the statement must be about this source, not a neighbour
STATEMENT_REACH = 40


def _unverifiable_statements(ctx: CheckContext, source: Source) -> list[Span]:
    """Statements that this source's word cannot be checked: "could not be verified" just
    after one of its mentions, with no other source mentioned in between."""
    others = sorted(m.start for s in ctx.analysis.sources if s.id != source.id for m in s.mentions)
    found: list[Span] = []
    for mention in source.mentions:
        window = ctx.text[mention.end : mention.end + STATEMENT_REACH + 40]
        match = matches_any("unverifiable.txt", window)
        if match is None or match.start() > STATEMENT_REACH or "\n" in window[: match.start()]:
            continue
        start = mention.end + match.start()
        if any(mention.end <= o < start for o in others):
            continue
        found.append(Span(start, mention.end + match.end(), match.group()))
    return found


@check(
    "FG202",
    "figure-caveat-missing",
    severity="warning",
    title="A figure given without the caveat the article puts on its source",
    why="""When the story says a source's figures cannot be verified (a party to a conflict, a
    company about its own results), each of that source's figures needs the caveat; a figure
    repeated without it reads as established.""",
    fix="""Carry the caveat to this figure ("figures that could not be independently verified")
    or give an independent source for it.""",
    standard=ATTRIBUTE_FIGURES,
    example=(
        "The ministry says 400 people have died, a figure that could not be verified. "
        "The ministry said on Monday that 2,000 were injured."
    ),
    fixed_example=(
        "The ministry says 400 people have died and 2,000 were injured, figures that could not be verified."
    ),
)
def figure_caveat_missing(ctx: CheckContext) -> Iterator[Flag]:
    for source in ctx.analysis.sources:
        figures = ctx.claims_of(source.id)
        if not figures:
            continue
        caveated = [c for c in figures if c.caveats]
        statements = _unverifiable_statements(ctx, source)
        if not caveated and not statements:
            continue
        caveat = caveated[0].caveats[0] if caveated else statements[0]
        for claim in figures:
            if claim.caveats:
                continue
            yield Flag(
                f'figure "{ctx.quote(claim.text)}" from {source.name} lacks the caveat '
                f'the article gives its figures ("{ctx.quote(caveat.text, 50)}")',
                [Span(claim.start, claim.end, claim.text), caveat],
                [claim.attribution] if claim.attribution else [],
                [source.id],
            )
