"""Anonymous sources: a reason for anonymity, a description of the source's position, and
claims that rest on one unnamed person (AP and Reuters policies on anonymous sources)."""

from __future__ import annotations

from collections.abc import Iterator

from accordingto.check.lexicon import informant_nouns, matches_any
from accordingto.check.registry import CheckContext, Flag, check
from accordingto.models import Source, Span

AP_ANONYMITY = (
    "AP Stylebook and AP news values, 'Anonymous sources': the reason the source insisted on "
    "anonymity and a description of the source's position and access must be given; Reuters "
    "Handbook of Journalism, 'Anonymous sources'"
)


_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us"})
#: "many people involved assumed..." reports a common belief, not an unnamed informant
_QUANTIFIERS = frozenset({"many", "most", "some", "few", "several", "all", "numerous", "countless"})


def _first_mention(source: Source) -> Span:
    """The source's first mention that describes it (not "they"), where findings point."""
    described = [m for m in source.mentions if m.text.lower() not in _PRONOUNS]
    pool = described or source.mentions
    return min(pool, key=lambda m: m.start) if pool else Span(0, 0, "")


def _reason_in(ctx: CheckContext, marker: Span) -> bool:
    """Whether the sentence of an anonymity marker also gives a reason for it."""
    _, end = ctx.sentence_at(marker.start)
    return matches_any("anonymity_reasons.txt", ctx.text[marker.start : max(end, marker.end)]) is not None


def _blanket_reasons(ctx: CheckContext) -> list[tuple[Span, set[str]]]:
    """Anonymity statements with a reason, each with the outlets (by source id) the
    sources it was recorded on spoke through: "All the officials spoke to Politico on
    condition of anonymity to discuss the sensitive matters" covers every unnamed source
    quoted via Politico."""
    found: dict[tuple[int, int], tuple[Span, set[str]]] = {}
    for source in ctx.analysis.sources:
        for marker in source.anonymity:
            if not _reason_in(ctx, marker):
                continue
            _, outlets = found.setdefault((marker.start, marker.end), (marker, set()))
            for attribution in ctx.attributions_by_source.get(source.id, []):
                outlets.update(attribution.via)
    return list(found.values())


def _reason_stated(ctx: CheckContext, source: Source, blanket: list[tuple[Span, set[str]]]) -> bool:
    if any(_reason_in(ctx, marker) for marker in source.anonymity):
        return True
    via = {o for a in ctx.attributions_by_source.get(source.id, []) for o in a.via}
    return any(outlets & via for _, outlets in blanket)


def _common_belief(mention: str) -> bool:
    """ "Many people involved..." - a quantified crowd of people is a belief held widely, not an
    informant; "some officials" still is one."""
    words = mention.lower().split()
    nouns = informant_nouns()
    return bool(words) and words[0] in _QUANTIFIERS and all(nouns.get(w) != "always" for w in words)


def _anonymous_informants(ctx: CheckContext) -> list[Source]:
    """The unnamed informants with attributions, found once for the four checks that read them."""
    return ctx.memo(
        "anonymous_informants", lambda: [s for s in ctx.analysis.sources if _is_anonymous_informant(ctx, s)]
    )


def _is_anonymous_informant(ctx: CheckContext, source: Source) -> bool:
    if not ctx.attributions_by_source.get(source.id) or not ctx.is_clear_informant(source):
        return False
    return not (_common_belief(_first_mention(source).text) and source.count is None)


@check(
    "AS101",
    "anonymous-no-position",
    severity="warning",
    title="An anonymous source with no description of their position or access",
    why="""Readers can only weigh an unnamed source by what the story says about them: where
    they work and why they would know. "Two officials" says neither.""",
    fix="""Describe the source's position and access: "two officials at the transport ministry
    who were briefed on the plan".""",
    standard=AP_ANONYMITY,
    example="Two officials said the vote was likely.",
    fixed_example="Two transport ministry officials briefed on the plan said the vote was likely.",
)
def anonymous_no_position(ctx: CheckContext) -> Iterator[Flag]:
    for source in _anonymous_informants(ctx):
        if source.affiliation or ctx.has_access(source):
            continue
        mention = _first_mention(source)
        yield Flag(
            f'anonymous source "{ctx.quote(mention.text)}" is not described by position or access',
            [mention],
            [a.id for a in ctx.attributions_by_source[source.id]],
            [source.id],
        )


@check(
    "AS102",
    "anonymous-no-reason",
    severity="error",
    title="An anonymous source with no stated reason for anonymity",
    why="""Anonymity is granted only for a reason the story states, such as not being
    authorised to speak or fear of reprisal; without it readers cannot tell a protected source
    from a convenient one. (Another outlet's anonymous sources are AS104.)""",
    fix="""Say why anonymity was granted: "who asked not to be named because they were not
    cleared to speak about the talks".""",
    standard=AP_ANONYMITY,
    example="Two officials said the vote was likely.",
    fixed_example=(
        "Two officials, who asked not to be named because they were not cleared to speak about "
        "the plan, said the vote was likely."
    ),
)
def anonymous_no_reason(ctx: CheckContext) -> Iterator[Flag]:
    yield from _no_reason(ctx, relayed=False)


def _no_reason(ctx: CheckContext, *, relayed: bool) -> Iterator[Flag]:
    blanket = ctx.memo("blanket_reasons", lambda: _blanket_reasons(ctx))
    for source in _anonymous_informants(ctx):
        outlets = ctx.relayed_by(source)
        if bool(outlets) != relayed or _reason_stated(ctx, source, blanket):
            continue
        mention = _first_mention(source)
        if source.anonymity:
            marker = source.anonymity[0]
            message = (
                f'anonymous source "{ctx.quote(mention.text)}" is granted anonymity '
                f'("{ctx.quote(marker.text)}") but no reason is given'
            )
            spans = [mention, marker]
        else:
            message = f'anonymous source "{ctx.quote(mention.text)}" has no stated reason for anonymity'
            spans = [mention]
        if outlets:
            message += f" (relayed from {', '.join(outlets)})"
        yield Flag(message, spans, [a.id for a in ctx.attributions_by_source[source.id]], [source.id])


@check(
    "AS104",
    "relayed-anonymous-no-reason",
    severity="warning",
    title="Another outlet's anonymous source, with no reason for anonymity given",
    why="""A claim this story takes from another outlet's unnamed source ("an official told
    Reuters") carries that outlet's judgment; readers still need to know why the source was not
    named, and whether this outlet confirmed the claim.""",
    fix="""Give the other outlet's stated reason ("who spoke to Reuters on condition of anonymity
    because...") or say that this outlet could not confirm the claim.""",
    standard=AP_ANONYMITY,
    example="The talks have stalled, an official told Reuters.",
    fixed_example=(
        "The talks have stalled, an official told Reuters on condition of anonymity because the talks are private."
    ),
)
def relayed_anonymous_no_reason(ctx: CheckContext) -> Iterator[Flag]:
    yield from _no_reason(ctx, relayed=True)


@check(
    "AS103",
    "single-anonymous-source",
    severity="warning",
    title="Statements or figures that rest on a single anonymous source",
    why="""A claim that only one unnamed person supports cannot be checked by the reader; many
    newsrooms require a second source, or a senior editor's approval, before it runs.""",
    fix="""Corroborate the claim with a second source or a document, name the source, or say
    that the claim comes from one person who could not be named.""",
    standard=AP_ANONYMITY,
    example="The council will vote on Friday, an official said.",
    fixed_example="The council will vote on Friday, according to the published agenda.",
)
def single_anonymous_source(ctx: CheckContext) -> Iterator[Flag]:
    for source in _anonymous_informants(ctx):
        if not (source.kind == "person" and (source.count in (None, 1))):
            continue
        attributions = ctx.attributions_by_source[source.id]
        figures = ctx.claims_of(source.id)
        what = f"{len(attributions)} statement{'s' if len(attributions) != 1 else ''}"
        if figures:
            what += f" and {len(figures)} figure{'s' if len(figures) != 1 else ''}"
        verb = "rests" if len(attributions) == 1 and not figures else "rest"
        mention = _first_mention(source)
        yield Flag(
            f'{what} {verb} on a single anonymous source, "{ctx.quote(mention.text)}"',
            [mention],
            [a.id for a in attributions],
            [source.id],
        )
