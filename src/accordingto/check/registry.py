"""Every check has a stable code, a default severity, the standard it comes from and what
fixes it; ``docs/check.md`` is generated from this registry. A check is a function from a
:class:`CheckContext` to :class:`Flag` s; the runner turns flags into findings."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar, cast

from accordingto.check.lexicon import informant_nouns, matches_any
from accordingto.models import Analysis, Attribution, Claim, Source, Span

Number = float | int
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Flag:
    """What a check found: a message and the parts of the sourcing map it concerns."""

    message: str
    spans: list[Span]
    attributions: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Check:
    code: str
    name: str
    severity: str
    title: str
    why: str
    fix: str
    standard: str
    run: Callable[[CheckContext], Iterable[Flag]]
    #: settings a newsroom may change (accordingto-check.toml), with their defaults
    params: dict[str, Number] = field(default_factory=dict)
    example: str = ""
    fixed_example: str = ""


CHECKS: dict[str, Check] = {}


def check(
    code: str,
    name: str,
    *,
    severity: str,
    title: str,
    why: str,
    fix: str,
    standard: str,
    params: dict[str, Number] | None = None,
    example: str = "",
    fixed_example: str = "",
) -> Callable[[Callable[[CheckContext], Iterable[Flag]]], Callable[[CheckContext], Iterable[Flag]]]:
    """Register a check under ``code`` (two letters and three digits, never reused)."""

    def register(func: Callable[[CheckContext], Iterable[Flag]]) -> Callable[[CheckContext], Iterable[Flag]]:
        if not re.fullmatch(r"[A-Z]{2}\d{3}", code) or code in CHECKS:
            raise ValueError(f"check code {code!r} is malformed or taken")
        CHECKS[code] = Check(
            code,
            name,
            severity,
            title,
            " ".join(why.split()),
            " ".join(fix.split()),
            standard,
            func,
            dict(params or {}),
            example,
            fixed_example,
        )
        return func

    return register


_MARKED_UNNAMED = frozenset(
    {"unnamed", "anonymous", "unidentified", "senior", "source", "sources", "insider", "insiders", "familiar"}
)
_NAME_THEN_COMMA = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?,\s*$")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[”\"’']?\s+(?=[“\"‘'(\[]?[A-Z0-9])")


@dataclass
class CheckContext:
    """One analysed article, with the lookups every check needs, and the settings of the
    check being run (``param``)."""

    analysis: Analysis
    params: dict[str, Number] = field(default_factory=dict)
    _memo: dict[str, object] = field(default_factory=dict, repr=False)

    @property
    def text(self) -> str:
        return self.analysis.article.text

    def param(self, name: str) -> Number:
        return self.params[name]

    @cached_property
    def sources_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.analysis.sources}

    @cached_property
    def attributions_by_source(self) -> dict[str, list[Attribution]]:
        table: dict[str, list[Attribution]] = {}
        for attribution in self.analysis.attributions:
            if attribution.source is not None:
                table.setdefault(attribution.source, []).append(attribution)
        return table

    def claims_of(self, source_id: str) -> list[Claim]:
        return [c for c in self.analysis.claims if c.source == source_id]

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """(start, end) of every sentence: paragraphs (lines) cut at sentence ends."""
        found: list[tuple[int, int]] = []
        for line in re.finditer(r"[^\n]+", self.text):
            start = line.start()
            for cut in _SENTENCE_END.finditer(line.group()):
                found.append((start, line.start() + cut.start()))
                start = line.start() + cut.end()
            found.append((start, line.end()))
        return [(a, b) for a, b in found if self.text[a:b].strip()]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [start for start, _ in self.sentences]

    def sentence_at(self, offset: int) -> tuple[int, int]:
        k = bisect.bisect_right(self._sentence_starts, offset) - 1
        if k >= 0 and offset < self.sentences[k][1]:
            return self.sentences[k]
        return offset, offset

    def sentence_text(self, offset: int) -> str:
        start, end = self.sentence_at(offset)
        return self.text[start:end].strip()

    def in_prose(self, offset: int) -> bool:
        """Whether ``offset`` is in the article's prose, not in a range the cleaning set aside
        (a headline, a byline, a footer)."""
        return not any(e.start <= offset < e.end for e in self.analysis.article.excluded)

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """What several checks need, computed once per article (the anonymous informants)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return cast(T, self._memo[key])

    def is_informant(self, source: Source) -> bool:
        """An unnamed person or group who gives information without a name ("two
        officials", "a person familiar with the talks"), as newsroom policies on anonymous
        sources mean it; generic groups ("critics", "voters") are not."""
        if source.named or source.kind not in ("person", "group") or self.named_by_apposition(source):
            return False
        words = re.findall(r"[a-z]+", (source.name or "").lower())
        nouns = informant_nouns()
        when = next((nouns[w] for w in reversed(words) if w in nouns), None)
        if when == "always" or (when is None and source.role and source.role.lower() in nouns):
            return True
        if when == "described":
            return bool(source.anonymity) or self.has_access(source)
        return False

    def named_by_apposition(self, source: Source) -> bool:
        """Whether a mention is an appositive of a name: "Rui Tavares, a records clerk at the
        harbour office, who..." describes a named person, not an anonymous one."""
        for mention in source.mentions:
            before = self.text[max(0, mention.start - 60) : mention.start]
            if _NAME_THEN_COMMA.search(before):
                return True
        return False

    def relayed_by(self, source: Source) -> list[str]:
        """The other outlets every one of the source's attributions came through ("told
        Agence France-Presse"): their anonymity is that outlet's to explain."""
        own = (self.analysis.article.outlet or "").casefold()
        outlets: list[str] = []
        for attribution in self.attributions_by_source.get(source.id, []):
            names = [self.sources_by_id[v].name for v in attribution.via if v in self.sources_by_id]
            names = [n for n in names if n.casefold() != own]
            if not names:
                return []
            outlets.extend(n for n in names if n not in outlets)
        return outlets

    def is_clear_informant(self, source: Source) -> bool:
        """An informant the text singles out: one person ("an official"), a counted group
        ("two officials"), "sources", or one marked unnamed or anonymous. A bare plural
        ("Israeli officials said") is often a government's public line, not a grant of
        anonymity, so the anonymity checks leave it to the sourcing-share check."""
        if not self.is_informant(source):
            return False
        words = set(re.findall(r"[a-z]+", (source.name or "").lower()))
        return bool(
            source.anonymity
            or source.kind == "person"
            or source.count is not None
            or words & _MARKED_UNNAMED
            or self.has_access(source)
        )

    def has_access(self, source: Source) -> bool:
        """Whether the article says why the unnamed source would know ("familiar with...")."""
        if matches_any("access.txt", source.name or ""):
            return True
        for mention in source.mentions:
            after = self.text[mention.start : min(len(self.text), mention.end + 80)]
            if matches_any("access.txt", after):
                return True
        return False

    def attribution_spans(self, attribution: Attribution) -> list[Span]:
        """Where an attribution is, for a finding: its source mention, cue and content."""
        spans = [s for s in (attribution.source_mention, attribution.cue) if s is not None]
        return spans + list(attribution.content) if spans else list(attribution.content)

    def quote(self, text: str, limit: int = 60) -> str:
        """``text`` on one line, without its own quotation marks, cut to ``limit``."""
        flat = " ".join(text.split()).strip("\"“”‘’'")
        return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
