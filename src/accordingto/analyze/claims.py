"""Figures and their caveats.

A figure is a count, sum or percentage stated in the article ("at least 31,184
Palestinians", "some 13,000", "$30,253", "74 percent", "four battalions"), with its
approximator ("at least", "some", "over", "about"...), its value and its unit. Dates,
times, ordinals and the counts that describe a source ("four US officials") are not
figures.

A figure inside an attribution's content belongs to that attribution and its source;
others are the outlet's own voice (``source`` None). A sentence with a caveat phrase
("unverified", "could not be independently verified", "don't differentiate between")
qualifies the figures before it in the same sentence or, when there are none, the
figures of the source quoted just before.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Span, Token

from accordingto.analyze import lexicon
from accordingto.analyze.state import AttributionRecord, ClaimRecord, SourceLink
from accordingto.analyze.syntax import CharRange, Sentences

APPROXIMATORS = lexicon.word_list("approximators")
SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "k": 1e3,
    "m": 1e6,
    "bn": 1e9,
}
WORD_NUMBERS = lexicon.figure_words()
CURRENCIES = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₪": "ILS", "₹": "INR"}
PERCENT_WORDS = frozenset({"percent", "per cent", "%", "percentage points", "percentage point"})
FIGURE_ENTS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_NUMBER_RE = re.compile(r"^[\d.,]+$")


def find_figures(doc: Doc, excluded_heads: set[int]) -> list[dict[str, Any]]:
    """Every figure of the document as a plain dict (offsets, value, unit, approximation)."""
    figures = []
    for ent in doc.ents:
        if ent.label_ not in FIGURE_ENTS:
            continue
        if any(t.i in excluded_heads for t in ent):
            continue
        figure = _figure(doc, ent)
        if figure is not None:
            figures.append(figure)
    return figures


def _figure(doc: Doc, ent: Span) -> dict[str, Any] | None:
    tokens = list(ent)
    approx = _approximation(doc, ent)
    start = ent.start_char
    if approx is not None:
        start, approximation = approx
    else:
        approximation = None
    words = [t for t in tokens if t.lower_ not in APPROXIMATORS and t.lower_ not in ("some", "about", "over")]
    text_tokens = [t.text for t in words]
    currency = next((CURRENCIES[t.text] for t in words if t.text in CURRENCIES), None)
    value = _value([t.lower_ for t in words if t.text not in CURRENCIES])
    if value is None:
        return None
    if ent.label_ == "CARDINAL" and len(words) == 1 and words[0].lower_ in ("one", "a", "an"):
        return None
    unit: str | None = None
    end = ent.end_char
    if currency:
        unit = currency
    elif ent.label_ == "PERCENT" or any(t.lower_ in PERCENT_WORDS for t in words):
        unit = "percent"
    else:
        unit, end = _counted_noun(doc, ent, end)
    if not text_tokens:
        return None
    return {
        "start": start,
        "end": end,
        "value": value,
        "approximation": approximation,
        "unit": unit,
    }


def _approximation(doc: Doc, ent: Span) -> tuple[int, str] | None:
    """An approximator right before (or at the start of) the figure: 'at least 31,184'."""
    window_start = max(0, ent.start - 4)
    before = doc[window_start : ent.start + 2]
    lowered = before.text.lower()
    best: tuple[int, str] | None = None
    for phrase in APPROXIMATORS:
        for match in re.finditer(r"\b" + re.escape(phrase) + r"\b", lowered):
            char = before.start_char + match.start()
            ends_before = before.start_char + match.end() <= ent.start_char + len(phrase) + 1
            joined = lowered[match.end() : ent.start_char - before.start_char].strip() in ("", "of")
            inside_entity = char == ent.start_char  # the NER often includes it: "at least 31,184"
            earliest = best is None or char < best[0]
            if inside_entity or (char <= ent.start_char and ends_before and joined and earliest):
                best = (char, phrase)
    return best


def _value(words: list[str]) -> float | None:
    total = 0.0
    current: float | None = None
    has_digits = any(ch.isdigit() for w in words for ch in w)
    for word in words:
        w = word.replace(",", "")
        if has_digits and w in ("a", "an"):
            continue
        if w in ("percent", "%", "per", "cent", "points", "point", "percentage", "and", "-"):
            continue
        if _NUMBER_RE.match(w) and any(ch.isdigit() for ch in w):
            try:
                current = (current or 0) + float(w)
            except ValueError:
                return None
        elif w in SCALES:
            current = (current or 1) * SCALES[w]
            if SCALES[w] >= 1e3:
                total += current
                current = None
        elif w in WORD_NUMBERS:
            current = (current or 0) + WORD_NUMBERS[w]
        elif "-" in w and all(p in WORD_NUMBERS for p in w.split("-")):
            current = (current or 0) + sum(WORD_NUMBERS[p] for p in w.split("-"))
        else:
            continue
    if current is not None:
        total += current
    return total if total or current == 0 else None


def _counted_noun(doc: Doc, ent: Span, end: int) -> tuple[str | None, int]:
    """The noun the figure counts: 'Palestinians' in '31,184 Palestinians'."""
    last = ent[-1]
    head = last.head
    if last.dep_ in ("nummod", "quantmod", "compound") and head.i > last.i and head.pos_ in ("NOUN", "PROPN"):
        noun_end = head.i + 1
        unit = " ".join(t.text for t in doc[ent.end : noun_end] if not t.is_punct)
        return unit or head.text, doc[noun_end - 1].idx + len(doc[noun_end - 1].text)
    nxt = doc[ent.end] if ent.end < len(doc) else None
    if nxt is not None and nxt.lower_ == "of" and ent.end + 1 < len(doc):
        obj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
        if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
            return obj.text, end
    return None, end


def find_caveats(text: str) -> list[CharRange]:
    """Caveat phrases ("unverified", "have not been independently verified") as
    character ranges, overlapping matches merged."""
    found: list[CharRange] = []
    for pattern in lexicon.patterns("caveats.txt"):
        for match in pattern.finditer(text):
            found.append((match.start(), match.end()))
    return _merge_ranges(found)


def _merge_ranges(ranges: list[CharRange]) -> list[CharRange]:
    merged: list[CharRange] = []
    for start, end in sorted(ranges):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def source_count_heads(doc: Doc, attributions: list[AttributionRecord], links: list[SourceLink]) -> set[int]:
    """Tokens of source mentions: their numbers count sources, not claims."""
    heads: set[int] = set()
    ranges = [a.source for a in attributions] + [link.mention for link in links]
    for rng in ranges:
        if rng:
            span = doc.char_span(rng[0], rng[1], alignment_mode="expand")
            if span is not None:
                heads.update(t.i for t in span)
    return heads


def link_claims(doc: Doc, attributions: list[AttributionRecord], links: list[SourceLink]) -> list[ClaimRecord]:
    """Figures with the attribution and source they belong to, and their caveats."""
    figures = find_figures(doc, source_count_heads(doc, attributions, links))
    source_of = {link.attribution: link.source_id for link in links}
    for fig in figures:
        owner = _owner(fig, attributions)
        fig["attribution"] = owner.id if owner else None
        fig["source"] = source_of.get(owner.id) if owner else None
        fig["caveats"] = []
    sentences = Sentences(doc)
    text = doc.text  # spaCy rebuilds doc.text on every access
    for caveat in find_caveats(text):
        span = _caveat_span(text, caveat, sentences)
        for fig in _covered(caveat, figures, sentences):
            if span not in fig["caveats"]:
                fig["caveats"].append(span)
    return [
        ClaimRecord(
            start=f["start"],
            end=f["end"],
            value=f["value"],
            approximation=f["approximation"],
            unit=f["unit"],
            attribution=f["attribution"],
            source=f["source"],
            caveats=tuple(f["caveats"]),
        )
        for f in figures
    ]


def _owner(fig: dict[str, Any], attributions: list[AttributionRecord]) -> AttributionRecord | None:
    for attr in attributions:
        if any(s <= fig["start"] and fig["end"] <= e for s, e in attr.content):
            return attr
    return None


def _caveat_span(text: str, caveat: CharRange, sentences: Sentences) -> CharRange:
    """The caveat as read: from its sentence's start to the end of the clause holding
    the phrase ('The terror group’s figures are unverified')."""
    sent = sentences.of_char(caveat[0])
    if sent is None:
        return caveat
    end = caveat[1]
    while end < sent.end_char and text[end] not in ",;.\n":
        end += 1
    return sent.start_char, end


def _covered(caveat: CharRange, figures: list[dict[str, Any]], sentences: Sentences) -> list[dict[str, Any]]:
    sent = sentences.of_char(caveat[0])
    if sent is None:
        return []
    same = [f for f in figures if sent.start_char <= f["start"] < caveat[0]]
    if same:
        return same
    before = [f for f in figures if f["end"] <= sent.start_char and sent.start_char - f["end"] < 1500]
    attributed = [f for f in before if f["source"] is not None]
    if attributed:
        last_source = attributed[-1]["source"]
        return [f for f in attributed if f["source"] == last_source]
    return before[-2:] if before else []


def is_figure_token(tok: Token) -> bool:
    return tok.ent_type_ in FIGURE_ENTS
