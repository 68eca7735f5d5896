"""Balance: unnamed outlets, loaded attribution words, one source carrying the story, and how
much of it rests on anonymous sources."""

from __future__ import annotations

from collections.abc import Iterator

from accordingto.check.lexicon import loaded_cues, matches_whole
from accordingto.check.registry import CheckContext, Flag, check
from accordingto.models import Span


@check(
    "OU401",
    "unnamed-reports",
    severity="warning",
    title="A claim attributed only to unnamed reports or media",
    why="""'According to reports' gives the reader nothing to check: which outlet reported it,
    and did this outlet confirm it?""",
    fix="""Name the outlet that reported it ("according to the Financial Times") and say whether
    the claim was confirmed independently.""",
    standard="AP Stylebook, 'according to' and 'reports'; BBC Editorial Guidelines, 'Accuracy: sources'",
    example="According to reports, the mayor had been warned in March.",
    fixed_example="The mayor had been warned in March, the Gazette reported on Tuesday.",
)
def unnamed_reports(ctx: CheckContext) -> Iterator[Flag]:
    for source in ctx.analysis.sources:
        if source.named or not matches_whole("reports.txt", source.name or ""):
            continue
        for attribution in ctx.attributions_by_source.get(source.id, []):
            mention = attribution.source_mention or source.mentions[0]
            yield Flag(
                f'"{ctx.quote(attribution.content_text, 50)}" rests on "{mention.text}" with no outlet named',
                ctx.attribution_spans(attribution),
                [attribution.id],
                [source.id],
            )


def _loaded_word(cue: str) -> tuple[str, str] | None:
    for pattern, implies in loaded_cues():
        match = pattern.search(cue)
        if match:
            return match.group(), implies
    return None


@check(
    "LV501",
    "loaded-cue-one-side",
    severity="info",
    title="A loaded attribution word used for one source only",
    why="""'Claimed', 'admitted' and 'insisted' are not neutral: they suggest doubt or guilt. Used
    for one side while the others simply 'said', they take a side for the reader.""",
    fix="""Use "said" for everyone, or keep the word only where the story shows why it fits
    (an admission of something established).""",
    standard="AP Stylebook, 'said': the neutral verb of attribution; 'claim' and 'admit' imply doubt or guilt",
    example="Mayor Dana Whitfield claimed the cuts were unavoidable, while the union said they were not.",
    fixed_example="Mayor Dana Whitfield said the cuts were unavoidable, while the union said they were not.",
)
def loaded_cue_one_side(ctx: CheckContext) -> Iterator[Flag]:
    loaded: dict[str, list[tuple[Span, str, str]]] = {}
    plain: set[str] = set()
    for attribution in ctx.analysis.attributions:
        if attribution.source is None or attribution.cue is None:
            continue
        word = _loaded_word(attribution.cue.text)
        if word is None:
            plain.add(attribution.source)
        else:
            loaded.setdefault(attribution.source, []).append((attribution.cue, attribution.id, word[1]))
    if len(loaded) != 1 or not (plain - set(loaded)):
        return
    ((source_id, uses),) = loaded.items()
    source = ctx.sources_by_id[source_id]
    words = sorted({cue.text for cue, _, _ in uses})
    implies = sorted({what for _, _, what in uses})
    others = len(plain - set(loaded))
    yield Flag(
        f'"{", ".join(words)}" ({" and ".join(implies)}) is used for {source.name} only; '
        f"{others} other source{' gets' if others == 1 else 's get'} neutral verbs",
        [cue for cue, _, _ in uses],
        [aid for _, aid, _ in uses],
        [source_id],
    )


@check(
    "BL601",
    "dominant-source",
    severity="warning",
    title="One source supplies most of the article's attributions",
    why="""A story that rests mostly on one source tells that source's version; readers cannot
    see whether anyone else was asked.""",
    fix="Add independent sources, or say why only this source could speak to the story.",
    standard="SPJ Code of Ethics, 'Seek truth and report it': identify sources clearly, seek diverse voices",
    params={"max_share": 0.5, "min_attributions": 6},
    example=(
        "The plant will close in May, company spokesman Ray Dunn said. Dunn said the decision was final. "
        "He said 300 jobs would go. Dunn added that talks with the union had failed. "
        "He said the company regretted the move. Dunn said a buyer had not been found. "
        "The union said it would appeal."
    ),
    fixed_example=(
        "The plant will close in May, company spokesman Ray Dunn said. Dunn said the decision was final. "
        "Union leader Maria Pinto said talks had failed. Mayor Joan Reyes said the city would help. "
        "Economist Lee Park said 300 jobs would go. The state labor department said it would assist workers."
    ),
)
def dominant_source(ctx: CheckContext) -> Iterator[Flag]:
    total = len(ctx.analysis.attributions)
    if total < ctx.param("min_attributions") or not ctx.attributions_by_source:
        return
    source_id, attributions = max(ctx.attributions_by_source.items(), key=lambda kv: len(kv[1]))
    share = len(attributions) / total
    if share <= ctx.param("max_share"):
        return
    source = ctx.sources_by_id[source_id]
    in_prose = [m for m in source.mentions if ctx.in_prose(m.start)]
    first = min(in_prose, key=lambda m: m.start) if in_prose else attributions[0].content[0]
    yield Flag(
        f"{source.name} supplies {len(attributions)} of the article's {total} attributions ({share:.0%})",
        [first],
        [a.id for a in attributions],
        [source_id],
    )


@check(
    "BL602",
    "anonymous-share",
    severity="warning",
    title="Too much of the article rests on anonymous sources",
    why="""Each anonymous source asks the reader for trust; a story that rests mostly on them
    should say why so few would speak on the record.""",
    fix="Find named sources or documents for the central claims, or explain why none would speak on the record.",
    standard="AP news values, 'Anonymous sources': anonymity is the exception, not the rule",
    params={"max_share": 0.5, "min_attributions": 4},
    example=(
        "Two officials said the talks had stalled. A senior official said a deal was unlikely. "
        "One diplomat said the sides were far apart. The foreign minister, Ana Ruiz, said talks would go on."
    ),
    fixed_example=(
        "Two officials said the talks had stalled. Foreign Minister Ana Ruiz said a deal was unlikely. "
        "Ambassador Tom Hale said the sides were far apart. Trade envoy Li Wen said talks would go on."
    ),
)
def anonymous_share(ctx: CheckContext) -> Iterator[Flag]:
    total = len(ctx.analysis.attributions)
    if total < ctx.param("min_attributions"):
        return
    anonymous = [
        a
        for sid, attributions in ctx.attributions_by_source.items()
        if ctx.is_informant(ctx.sources_by_id[sid])
        for a in attributions
    ]
    share = len(anonymous) / total
    if share <= ctx.param("max_share"):
        return
    first = min(anonymous, key=lambda a: a.start)
    yield Flag(
        f"{len(anonymous)} of the article's {total} attributions ({share:.0%}) rest on anonymous sources",
        ctx.attribution_spans(first),
        [a.id for a in anonymous],
        sorted({a.source for a in anonymous if a.source}),
    )
