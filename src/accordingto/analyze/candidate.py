"""Candidate: an attribution while the rules are still working on it, with its provenance.

Candidates live only inside the attribution engine; what leaves it is the frozen
:class:`~accordingto.analyze.state.AttributionRecord`. ``rules`` lists, in order, the ids
of the rules that made the candidate or changed it, so every output can say where it
came from and every rule can be counted and measured.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from accordingto.analyze.syntax import CharRange, overlap


@dataclass(slots=True)
class Candidate:
    """One attribution found in the text, in character offsets of ``doc.text``."""

    content: list[CharRange]
    cue: CharRange | None
    source: CharRange | None
    pattern: str
    cue_class: str
    stance: str
    confidence: float
    rules: list[str]
    cue_head: int | None = None
    source_head: int | None = None
    recipient_head: int | None = None
    cited_head: int | None = None
    quote_chains: set[int] = field(default_factory=set)

    @property
    def start(self) -> int:
        return min(s for s, _ in self.content)

    @property
    def end(self) -> int:
        return max(e for _, e in self.content)

    def covers(self, rng: CharRange) -> bool:
        return any(s <= rng[0] and rng[1] <= e for s, e in self.content)

    def content_chars(self) -> int:
        return sum(e - s for s, e in self.content)

    def note(self, rule_id: str) -> None:
        """Record that ``rule_id`` changed this candidate (once)."""
        if rule_id not in self.rules:
            self.rules.append(rule_id)


@dataclass(frozen=True, slots=True)
class Content:
    """Where a cue's content is, as a frame found it: character ranges, the token where the
    cue ends when a preposition joins it ("called for"), and the rules that shaped it.
    Empty ``ranges`` means the frame decided there is no content (later frames are not tried)."""

    ranges: list[CharRange]
    cue_end: int | None = None
    rules: tuple[str, ...] = ()


def merge(spans: list[CharRange]) -> list[CharRange]:
    """Sorted ranges with overlapping and touching ones joined."""
    merged: list[CharRange] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def overlaps_any(rng: CharRange | None, spans: list[CharRange]) -> bool:
    return rng is not None and any(overlap(rng, s) > 0 for s in spans)


def mostly_inside(rng: CharRange, spans: list[CharRange]) -> bool:
    inside = sum(overlap(rng, s) for s in spans)
    return inside * 2 >= rng[1] - rng[0]


def same_content(a: list[CharRange], b: list[CharRange]) -> bool:
    sa = sum(e - s for s, e in a)
    sb = sum(e - s for s, e in b)
    shared = sum(overlap(x, y) for x in a for y in b)
    return shared * 10 >= 9 * max(sa, sb)
