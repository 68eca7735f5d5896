"""A readable report of one sourcing map, for the terminal (rich), grouped by source."""

from __future__ import annotations

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from accordingto.models import SHOW_THRESHOLD, Analysis, Attribution, Source

KIND_STYLE = {
    "person": "cyan",
    "group": "magenta",
    "organization": "yellow",
    "outlet": "green",
    "document": "blue",
    "unspecified": "white",
}


def _short(text: str, limit: int = 220) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def profile_panel(analysis: Analysis) -> Panel:
    p = analysis.profile
    art = analysis.article
    lines = Text()
    title = art.title or "(untitled)"
    lines.append(f"{title}\n", style="bold")
    meta = [x for x in (art.outlet, art.published, art.url) if x]
    if meta:
        lines.append(" · ".join(meta) + "\n", style="dim")
    lines.append(f"{p.attributions} attributions from {p.sources} sources · ")
    lines.append(f"named {_pct(p.named_share)}", style="bold cyan")
    lines.append(" · ")
    lines.append(f"anonymous {_pct(p.anonymous_share)}", style="bold magenta")
    if p.unattributed:
        lines.append(f" · {p.unattributed} without a source")
    lines.append("\n")
    if p.by_kind:
        lines.append("by kind: ")
        lines.append(
            ", ".join(f"{k} {_pct(v)}" for k, v in sorted(p.by_kind.items(), key=lambda kv: -kv[1])),
        )
        lines.append("\n")
    if p.outlets_cited:
        lines.append("outlets cited: ", style="green")
        lines.append(", ".join(p.outlets_cited) + "\n")
    lines.append(
        f"claims: {p.claims} figures, {p.claims_sourced} with a source, "
        f"{p.claims_unsourced} in the outlet's own voice, {p.claims_caveated} with a caveat"
    )
    if art.excluded:
        lines.append(
            "\nnot analysed: " + "; ".join(f"{e.reason} ({_short(e.text, 40)!r})" for e in art.excluded), style="dim"
        )
    return Panel(lines, title="sourcing profile", title_align="left")


def source_header(src: Source, analysis: Analysis) -> Text:
    text = Text()
    text.append(f"{src.id} ", style="dim")
    text.append(src.name, style=f"bold {KIND_STYLE.get(src.kind, 'white')}")
    facts = [src.kind, "named" if src.named else "anonymous"]
    if src.count is not None:
        facts.append(f"{src.count} of them")
    elif src.count_text:
        facts.append(src.count_text)
    if src.role:
        facts.append(f"role: {src.role}")
    if src.affiliation:
        facts.append(f"affiliation: {src.affiliation}")
    if src.anonymity:
        facts.append("“" + src.anonymity[0].text + "”")
    text.append("  " + " · ".join(facts), style="dim")
    return text


def attribution_line(attr: Attribution, analysis: Analysis) -> Text:
    line = Text("  ")
    line.append(f"[{attr.type}]", style="bold")
    if attr.cue:
        line.append(f" {attr.cue.text}", style="underline")
    if attr.source_mention:
        line.append(f" ({attr.source_mention.text})", style="dim")
    via = [analysis.source(v) for v in attr.via]
    names = [v.name for v in via if v is not None]
    if names:
        line.append(f" via {', '.join(names)}", style="green")
    if attr.stance != "neutral":
        line.append(f" {attr.stance}", style="italic")
    line.append("\n    " + _short(attr.content_text))
    return line


def render(analysis: Analysis, console: Console, *, show_all: bool = False) -> None:
    """Print the report: profile, then attributions grouped by source, then claims. Attributions
    below ``SHOW_THRESHOLD`` confidence are left out, and counted, unless ``show_all``."""
    console.print(profile_panel(analysis))
    if not show_all:
        analysis, hidden = analysis.shown()
        if hidden:
            console.print(
                Text(
                    f"{hidden} attribution{'s' if hidden > 1 else ''} below confidence {SHOW_THRESHOLD} hidden"
                    " (--all shows them)",
                    style="dim",
                )
            )
    by_source: dict[str | None, list[Attribution]] = {}
    for attr in analysis.attributions:
        by_source.setdefault(attr.source, []).append(attr)
    ranked = [r.source for r in analysis.profile.top_sources if r.source in by_source]
    order = ranked + [s.id for s in analysis.sources if s.id not in ranked and s.id in by_source]
    for ident in order:
        src = analysis.source(ident)
        if src is None:
            continue
        console.print(Group(source_header(src, analysis), *(attribution_line(a, analysis) for a in by_source[ident])))
    if None in by_source:
        console.print(Text("No source given", style="bold"))
        for attr in by_source[None]:
            console.print(attribution_line(attr, analysis))
    if analysis.claims:
        table = Table(title="figures", title_justify="left", show_lines=False)
        table.add_column("figure")
        table.add_column("source")
        table.add_column("caveat")
        for claim in analysis.claims:
            src = analysis.source(claim.source)
            table.add_row(
                escape(claim.text),
                escape(src.name) if src else "(outlet's own voice)",
                escape(_short(claim.caveats[0].text, 60)) if claim.caveats else "",
            )
        console.print(table)
