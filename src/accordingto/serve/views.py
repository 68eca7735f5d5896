"""An analysis laid out for the page: the article text cut into segments that carry their
marks (attributed content, cue, source mention, hedge, excluded line), one marker per
attribution (the keyboard's stop and the source's label), and a style per source.

Spans may nest or overlap (a mention of one source inside what another says): the text is
cut at every span boundary, and each piece carries every mark that covers it, the
innermost content winning its tint. The pieces join back into ``article.text`` exactly.

The check page (:func:`check_layout`) cuts the same pieces at paragraph breaks and at the
spans of the sourcing check's findings too, so that each paragraph sits beside its findings
and each finding's words can be lit.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from accordingto.check import CHECKS, CheckReport, Finding
from accordingto.check.findings import severity_rank
from accordingto.models import Analysis, Attribution, Source, Span

#: Source tints cycle through this many colours (Okabe–Ito, see static/app.css).
PALETTE_SIZE = 7


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    text: str
    attribution: str | None = None  # whose content this is
    source: str | None = None  # that attribution's source
    cue: str | None = None  # the attribution whose cue this is
    mention: str | None = None  # the source mentioned here
    hedge: bool = False
    excluded: str | None = None  # why this range took no part in the analysis


@dataclass(frozen=True, slots=True)
class Marker:
    """Where an attribution ends in the text: a button opening its source card."""

    attribution: str
    source: str | None
    position: int


@dataclass(frozen=True, slots=True)
class SourceStyle:
    tint: int  # 0..PALETTE_SIZE-1
    anonymous: bool  # drawn hatched, so named and anonymous differ without colour
    label: str  # "S1": shown on the markers, so sources differ without colour too


def source_styles(analysis: Analysis) -> dict[str, SourceStyle]:
    """A tint per source, the most quoted first (so the first colours go to who matters most)."""
    ranked = [r.source for r in analysis.profile.top_sources]
    order = ranked + [s.id for s in analysis.sources if s.id not in ranked]
    styles = {}
    for number, source_id in enumerate(order):
        source = analysis.source(source_id)
        if source is not None:
            styles[source_id] = SourceStyle(number % PALETTE_SIZE, not source.named, source_id)
    return styles


def _end_of(attribution: Attribution) -> int:
    ends = [s.end for s in attribution.content]
    ends += [span.end for span in (attribution.cue, attribution.source_mention) if span is not None]
    return max(ends)


def _innermost(spans: Iterable[tuple[Span, str]], start: int, end: int) -> str | None:
    """The owner of the shortest span covering [start, end)."""
    best: tuple[int, str] | None = None
    for span, owner in spans:
        if span.start <= start and end <= span.end and (best is None or span.end - span.start < best[0]):
            best = (span.end - span.start, owner)
    return best[1] if best else None


def highlight(analysis: Analysis, cuts: Iterable[int] = ()) -> list[Segment | Marker]:
    """The article text as segments and markers, in text order; ``cuts`` are more places
    where a segment must end (paragraph breaks, the spans of findings)."""
    text = analysis.article.text
    size = len(text)
    content = [(s, a.id) for a in analysis.attributions for s in a.content]
    cues = [(a.cue, a.id) for a in analysis.attributions if a.cue is not None]
    mentions = [(m, s.id) for s in analysis.sources for m in s.mentions]
    mentions += [(a.source_mention, a.source) for a in analysis.attributions if a.source_mention and a.source]
    hedges = [(h, a.id) for a in analysis.attributions for h in a.hedges]
    excluded = [(Span(e.start, e.end, e.text), e.reason) for e in analysis.article.excluded]
    source_of = {a.id: a.source for a in analysis.attributions}
    markers: dict[int, list[Marker]] = {}
    for attribution in analysis.attributions:
        position = min(size, _end_of(attribution))
        markers.setdefault(position, []).append(Marker(attribution.id, attribution.source, position))

    boundaries = {0, size, *markers, *(max(0, min(size, cut)) for cut in cuts)}
    for span, _ in [*content, *cues, *mentions, *hedges, *excluded]:
        boundaries.update((max(0, min(size, span.start)), max(0, min(size, span.end))))
    ordered = sorted(boundaries)
    laid_out: list[Segment | Marker] = []
    for start, end in itertools.pairwise(ordered):
        laid_out += markers.get(start, []) if start else []
        owner = _innermost(content, start, end)
        laid_out.append(
            Segment(
                start,
                end,
                text[start:end],
                attribution=owner,
                source=source_of.get(owner) if owner else None,
                cue=_innermost(cues, start, end),
                mention=_innermost(mentions, start, end),
                hedge=_innermost(hedges, start, end) is not None,
                excluded=_innermost(excluded, start, end),
            )
        )
    laid_out += markers.get(size, [])
    return laid_out


def _outlet_key(name: str) -> str:
    return " ".join(name.casefold().split()).removeprefix("the ")


def outlet_chain(analysis: Analysis, attribution: Attribution) -> list[str]:
    """How a statement reached the reader: the article's outlet, the outlets it came through,
    then the source ("Harbour Ledger", "citing Politico", "citing four US officials")."""
    own = analysis.article.outlet
    chain = [own or "this article"]
    for via in attribution.via:
        outlet = analysis.source(via)
        # "told the Harbour Ledger" in the Harbour Ledger: the outlet heard it itself
        if outlet is not None and (own is None or _outlet_key(outlet.name) != _outlet_key(own)):
            chain.append(outlet.name)
    source = analysis.source(attribution.source)
    chain.append(source.name if source is not None else "no source given")
    return chain


def by_source(analysis: Analysis) -> list[tuple[Source | None, list[Attribution]]]:
    """Attributions grouped by source, the most quoted first; those with no source last."""
    groups: dict[str | None, list[Attribution]] = {}
    for attribution in analysis.attributions:
        groups.setdefault(attribution.source, []).append(attribution)
    ranked = [r.source for r in analysis.profile.top_sources]
    order = ranked + [s.id for s in analysis.sources if s.id not in ranked and s.id in groups]
    found: list[tuple[Source | None, list[Attribution]]] = []
    for source_id in order:
        source = analysis.source(source_id)
        if source is not None and source_id in groups:
            found.append((source, groups[source_id]))
    if None in groups:
        found.append((None, groups[None]))
    return found


def chart_data(analysis: Analysis) -> dict[str, object]:
    """What the profile's charts draw (static/charts.js): shares by kind, named and anonymous."""
    profile = analysis.profile
    return {
        "by_kind": profile.by_kind,
        "named_share": profile.named_share,
        "anonymous_share": profile.anonymous_share,
        "attributions": profile.attributions,
        "unattributed": profile.unattributed,
    }


def _segment_html(segment: Segment, styles: dict[str, SourceStyle]) -> str:
    text = str(escape(segment.text))
    classes: list[str] = []
    data: list[str] = []
    if segment.excluded is not None:
        reason = escape(segment.excluded)
        return f'<span class="excluded" title="{reason}: not analysed">{text}</span>'
    if segment.attribution is not None:
        style = styles.get(segment.source) if segment.source else None
        classes += ["at-content", f"t{style.tint}" if style else "t-none"]
        if style is not None and style.anonymous:
            classes.append("anon")
        data.append(f'data-attr="{escape(segment.attribution)}"')
    if segment.cue is not None:
        classes.append("at-cue")
        data.append(f'data-cue="{escape(segment.cue)}"')
    if segment.mention is not None:
        classes.append("at-mention")
        data.append(f'data-source="{escape(segment.mention)}"')
    if segment.hedge:
        classes.append("at-hedge")
    if not classes:
        return text
    return f'<span class="{" ".join(classes)}" {" ".join(data)}>{text}</span>'


def _marker_html(marker: Marker, attribution: Attribution, analysis: Analysis, styles: dict[str, SourceStyle]) -> str:
    source = analysis.source(marker.source)
    style = styles.get(marker.source) if marker.source else None
    classes = ["marker", f"t{style.tint}" if style else "t-none"]
    if style is not None and style.anonymous:
        classes.append("anon")
    if source is not None:
        who = f"{source.name} ({source.kind}, {'named' if source.named else 'anonymous'})"
    else:
        who = "no source given"
    label = f"{attribution.id}: {attribution.type.replace('_', ' ')}, source {who}. Open its source card"
    shown = style.label if style else "?"
    return (
        f'<button type="button" class="{" ".join(classes)}" id="marker-{escape(attribution.id)}" '
        f'data-attr="{escape(attribution.id)}" aria-haspopup="dialog" aria-controls="card" '
        f'aria-label="{escape(label)}">{escape(shown)}</button>'
    )


def _item_html(
    item: Segment | Marker, analysis: Analysis, attributions: dict[str, Attribution], styles: dict[str, SourceStyle]
) -> str:
    if isinstance(item, Marker):
        return _marker_html(item, attributions[item.attribution], analysis, styles)
    return _segment_html(item, styles)


def text_html(analysis: Analysis, styles: dict[str, SourceStyle]) -> Markup:
    """The article text with its marks, as HTML (every character of the text escaped once)."""
    # looked up once, not searched for per marker (a long article has hundreds)
    attributions = {a.id: a for a in analysis.attributions}
    return Markup("".join(_item_html(item, analysis, attributions, styles) for item in highlight(analysis)))


# ---------------------------------------------------------------- the check page
#: Icons beside the severity's word, so severities differ without colour (app.css adds
#: border styles: solid for errors, dashed for warnings, dotted for info).
SEVERITY_ICONS = {"error": "✖", "warning": "▲", "info": "ℹ"}
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


@dataclass(frozen=True, slots=True)
class FindingView:
    """A finding as the check page shows it: ``key`` ("F1") ties its margin entry to the
    pieces of text it lights."""

    key: str
    finding: Finding
    standard: str
    icon: str


@dataclass(slots=True)
class Paragraph:
    start: int
    end: int
    html: Markup = field(default_factory=Markup)
    findings: list[FindingView] = field(default_factory=list)


def paragraph_ranges(text: str) -> list[tuple[int, int]]:
    """Where each paragraph of the text starts and ends, without the blank around it.

    Paragraphs are separated by blank lines; a text with none (pasted from a CMS that puts
    one newline between paragraphs) has one per line instead, or it would be a single
    paragraph with every finding beside it."""
    separator = re.compile(r"\n\s*\n" if _BLANK_LINE.search(text) else r"\n")
    ranges: list[tuple[int, int]] = []
    position = 0
    for match in [*separator.finditer(text), None]:
        end = match.start() if match is not None else len(text)
        chunk = text[position:end]
        if chunk.strip():
            start = position + len(chunk) - len(chunk.lstrip())
            ranges.append((start, position + len(chunk.rstrip())))
        if match is not None:
            position = match.end()
    return ranges or [(0, len(text))]


def counts_phrase(report: CheckReport) -> str:
    """ "2 errors, 5 warnings, 1 info" (severities with no finding left out), or "no findings"."""
    counts = report.counts()
    parts = [f"{n} {s if n == 1 or s == 'info' else s + 's'}" for s, n in counts.items() if n]
    return ", ".join(parts) if parts else "no findings"


def finding_views(report: CheckReport) -> list[FindingView]:
    return [
        FindingView(f"F{number}", f, CHECKS[f.code].standard if f.code in CHECKS else "", SEVERITY_ICONS[f.severity])
        for number, f in enumerate(report.findings, start=1)
    ]


def check_layout(analysis: Analysis, views: list[FindingView], styles: dict[str, SourceStyle]) -> list[Paragraph]:
    """The article text as paragraphs with their marks (as on the article page), the pieces
    a finding points at wrapped in ``<span class="flagged" data-findings="F1 F3">`` (styled
    by the most severe of them), an anchor ``at-F1`` where each finding starts, and each
    finding beside the paragraph its first span is in."""
    text = analysis.article.text
    size = len(text)
    paragraphs = [Paragraph(start, end) for start, end in paragraph_ranges(text)]
    starts = [p.start for p in paragraphs]
    flagged = [(max(0, min(size, s.start)), max(0, min(size, s.end)), v) for v in views for s in v.finding.spans]
    anchors: list[list[tuple[int, str]]] = [[] for _ in paragraphs]  # per paragraph: (position, key)
    for view in views:
        position = min(size, view.finding.start) if view.finding.spans else 0
        where = _paragraph_at(starts, paragraphs, position)
        paragraphs[where].findings.append(view)
        anchors[where].append((max(position, paragraphs[where].start), view.key))
    cuts = [*starts, *(p.end for p in paragraphs), *(cut for start, end, _ in flagged for cut in (start, end))]
    attributions = {a.id: a for a in analysis.attributions}
    parts: list[list[str]] = [[] for _ in paragraphs]
    for item in highlight(analysis, cuts):
        if isinstance(item, Marker):
            # a marker closes what it follows: it belongs with the text before it
            parts[_paragraph_before(starts, item.position)].append(_item_html(item, analysis, attributions, styles))
            continue
        where = _paragraph_at(starts, paragraphs, item.start)
        if not paragraphs[where].start <= item.start < paragraphs[where].end:
            continue  # the blank between paragraphs: the layout separates them
        parts[where] += _anchors_html(anchors[where], until=item.start)
        parts[where].append(_flagged_html(item, _item_html(item, analysis, attributions, styles), flagged))
    for paragraph, html, left in zip(paragraphs, parts, anchors, strict=True):
        # a finding past the paragraph's last character (an empty text) is anchored at its end
        paragraph.html = Markup("".join(html + _anchors_html(left, until=len(text))))
    return paragraphs


def _anchors_html(anchors: list[tuple[int, str]], *, until: int) -> list[str]:
    """The anchors (``#at-F1``, where a finding's link jumps) at or before ``until``, taken
    off the list."""
    due = [key for position, key in anchors if position <= until]
    anchors[:] = [(position, key) for position, key in anchors if position > until]
    return [f'<span class="finding-anchor" id="at-{key}"></span>' for key in due]


def _paragraph_at(starts: list[int], paragraphs: list[Paragraph], position: int) -> int:
    """The paragraph holding ``position``, or the next one when it is in the blank between two."""
    where = max(0, bisect.bisect_right(starts, position) - 1)
    if position >= paragraphs[where].end and where + 1 < len(paragraphs):
        return where + 1
    return where


def _paragraph_before(starts: list[int], position: int) -> int:
    """The paragraph holding the character before ``position``."""
    return max(0, bisect.bisect_right(starts, position - 1) - 1)


def _flagged_html(segment: Segment, html: str, flagged: list[tuple[int, int, FindingView]]) -> str:
    covering = [v for start, end, v in flagged if start <= segment.start and segment.end <= end and start < end]
    if not covering:
        return html
    keys = " ".join(dict.fromkeys(v.key for v in covering))
    worst = max((v.finding.severity for v in covering), key=severity_rank)
    return f'<span class="flagged sev-{worst}" data-findings="{keys}">{html}</span>'
