"""Figures and their caveats.

A figure is a quantity stated in the article: a count ("at least 31,184 Palestinians"), an
amount of money ("£23.99", "Rs 24 lakh"), a percentage, a measurement, a score or record
("Wild 4, Sabres 1", "a 10-2 record") or a range ("between 25 and 30", "350–375 million"),
with its approximator, its value (both ends of a range or score, never their sum) and its
unit. Found by the ``figure`` rules in order (a later one skips what an earlier one found),
then the ``figure_filter`` rules drop what is no quantity: numbers fused into a compound
adjective ("four-game"), numbers of names and models ("iPhone 11", "15 Fun Facts"), phone
numbers and references, "the two companies" (the number refers back), and the counts of a
source ("four US officials"). Dates, times and ordinals are never figures.

A figure inside an attribution's content belongs to that attribution and its source;
others are the outlet's own voice (``source`` None). A sentence with a caveat phrase
("unverified", "could not be independently verified", "don't differentiate between")
qualifies the figures before it in the same sentence or, when there are none, the figures
of the source quoted just before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final, TypeVar, cast

from spacy.tokens import Doc, Span, Token

from accordingto.analyze import lexicon
from accordingto.analyze.ruleset import Example, RuleSet, rule
from accordingto.analyze.state import AttributionRecord, ClaimRecord, SourceLink
from accordingto.analyze.syntax import CharRange, Sentences, text_of

APPROXIMATORS = lexicon.word_list("approximators")
WORD_NUMBERS = lexicon.figure_words()
PERCENT_WORDS = frozenset({"percent", "per cent", "%", "percentage points", "percentage point"})
FIGURE_ENTS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_NUMBER_RE = re.compile(r"^[\d.,]+$")
_RANGE_WORDS = frozenset({"to", "-", "–", "—", "and"})
_SCORE = re.compile(r"(?<![\w.,:/$£€¥%+-])(\d{1,3})(?:[-–](\d{1,3})){1,2}(?![\w%/:-]|\.\d)")
_TEAM = r"[A-Z][\w.'’]*(?: [A-Z][\w.'’]*){0,2}"
_TEAM_SCORE = re.compile(rf"\b({_TEAM}) (\d{{1,3}}), ({_TEAM}) (\d{{1,3}})\b")
# vague words that make a number no stated quantity; "some", "all", "most" go with numbers
_VAGUE = lexicon.word_set("vague_quantifiers") - {"some", "all", "most"}


@dataclass(slots=True)
class Figure:
    """A figure while the rules work on it; ``first``/``last`` are its number tokens."""

    start: int
    end: int
    value: float | None
    value_to: float | None
    approximation: str | None
    unit: str | None
    first: int
    last: int
    label: str
    rules: list[str] = field(default_factory=list)


# ----------------------------------------------------------------------------- per document
_CACHE_KEY: Final = ("accordingto", "figure_cache")
T = TypeVar("T")


def per_document(doc: Doc, name: str, build: Callable[[Doc], T]) -> T:
    """``build(doc)``, computed once per document: the filters run once per figure, and a long
    article has thousands (``doc.text`` alone is rebuilt by spaCy on every access)."""
    cache: dict[str, Any] = cast(dict[Any, Any], doc.user_data).setdefault(_CACHE_KEY, {})
    if name not in cache:
        cache[name] = build(doc)
    return cast(T, cache[name])


# ----------------------------------------------------------------------------- values
def parse_value(words: list[str]) -> float | None:
    """The number words and digits say ("31,184", "two million", "three dozen", "a third",
    "five-and-a-half"), or None when they hold no number."""
    total, current = 0.0, None
    has_digits = any(ch.isdigit() for w in words for ch in w)
    if any(w in _VAGUE for w in words):
        return None  # "several quarters", "a few thousand": no number is stated
    for word in words:
        w = word.replace(",", "")
        if (has_digits and w in ("a", "an")) or w in ("percent", "%", "per", "cent", "points", "point", "percentage"):
            continue
        current, total, known = _step(w, current, total)
        if known is None:
            return None
    if current is not None:
        total += current
    return total if total or current == 0 else None


def _step(w: str, current: float | None, total: float) -> tuple[float | None, float, bool | None]:
    """One word of a number: (the running part, the total so far, whether the word was numeric;
    None when the number is malformed)."""
    scales, fractions = lexicon.scales(), lexicon.fractions()
    if _NUMBER_RE.match(w) and any(ch.isdigit() for ch in w):
        try:
            return (current or 0) + float(w), total, True
        except ValueError:
            return current, total, None
    if w in scales:
        current = (current or 1) * scales[w]
        if scales[w] >= 1e3:
            return None, total + current, True
        return current, total, True
    if w in fractions:
        return (current if current is not None else 1) * fractions[w], total, True
    if w in WORD_NUMBERS:
        return (current or 0) + WORD_NUMBERS[w], total, True
    if "-" in w:  # "twenty-five", "five-and-a-half"
        parts = [p for p in w.split("-") if p not in ("and",)]
        if parts and all(p in WORD_NUMBERS or p in fractions for p in parts):
            value: float = sum(WORD_NUMBERS.get(p, 0) for p in parts if p not in fractions and p not in ("a", "an"))
            value += sum(fractions[p] for p in parts if p in fractions)
            return (current or 0) + value, total, True
    return current, total, False


def _currency(doc: Doc, first: int, last: int) -> str | None:
    """A currency sign or word in, just before or just after the figure's numbers."""
    table = lexicon.currencies()
    for i in (*range(first, last + 1), first - 1, last + 1):
        if 0 <= i < len(doc) and doc[i].text in table:
            return table[doc[i].text]
    return None


def _approximation(doc: Doc, start_token: int, start_char: int) -> tuple[int, str] | None:
    """An approximator right before (or at the start of) the figure: 'at least 31,184'."""
    window = doc[max(0, start_token - 4) : start_token + 2]
    lowered = window.text.lower()
    best: tuple[int, str] | None = None
    for phrase in APPROXIMATORS:
        for match in re.finditer(r"\b" + re.escape(phrase) + r"\b", lowered):
            char = window.start_char + match.start()
            ends_before = window.start_char + match.end() <= start_char + len(phrase) + 1
            joined = lowered[match.end() : start_char - window.start_char].strip() in ("", "of")
            inside = char == start_char  # the NER often includes it: "at least 31,184"
            if inside or (char <= start_char and ends_before and joined and (best is None or char < best[0])):
                best = (char, phrase)
    return best


def _counted_noun(doc: Doc, last: Token, end: int) -> tuple[str | None, int]:
    """The noun the figure counts: 'Palestinians' in '31,184 Palestinians'."""
    head = last.head
    if last.dep_ in ("nummod", "quantmod", "compound") and head.i > last.i and head.pos_ in ("NOUN", "PROPN"):
        unit = " ".join(t.text for t in doc[last.i + 1 : head.i + 1] if not t.is_punct)
        return unit or head.text, doc[head.i].idx + len(doc[head.i].text)
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ == "of" and last.i + 2 < len(doc):
        obj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
        if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
            return obj.text, end
    return None, end


# ----------------------------------------------------------------------------- generators
def _overlaps(start: int, end: int, found: list[Figure]) -> bool:
    return any(f.start < end and start < f.end for f in found)


def _token_range(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return (span.start, span.end - 1) if span is not None and len(span) else None


@rule(
    "figure.score.v1",
    stage="figure",
    order=10,
    purpose="""Scores and records are one figure with both ends, never a sum: "Wild 4, Sabres 1", "won
    24-17", "a 4-2-1 record" (value the first number, value_to the last, unit "score").""",
    examples=[
        Example("The game ended Wild 4, Sabres 1 after a late goal.", figure="Wild 4, Sabres 1"),
        Example("The Panthers won 24-17 on Sunday and are now 6-2-1.", figure="24-17"),
    ],
    counterexamples=["The plan was approved on 11 November 2019."],
)
def scores(doc: Doc, text: str, found: list[Figure]) -> list[Figure]:
    out: list[Figure] = []
    for match in _TEAM_SCORE.finditer(text):
        first, last = int(match.group(2)), int(match.group(4))
        out += _score(doc, match.start(), match.end(), first, last, found + out)
    for match in _SCORE.finditer(text):
        digits = re.findall(r"\d+", match.group(0))
        if max(map(len, digits)) - min(map(len, digits)) > 1:
            continue  # "787-9", "100-1": a model or a code, not the two sides of a score
        numbers = [int(n) for n in digits]
        out += _score(doc, match.start(), match.end(), numbers[0], numbers[-1], found + out)
    return out


def _score(doc: Doc, start: int, end: int, value: float, value_to: float, found: list[Figure]) -> list[Figure]:
    tokens = _token_range(doc, start, end)
    # the NER takes many scores for dates; "45-17" cannot be one (no day or month above 31)
    could_be_date = max(value, value_to) <= 31
    if (
        tokens is None
        or _overlaps(start, end, found)
        or (could_be_date and any(doc[i].ent_type_ in ("DATE", "TIME") for i in range(tokens[0], tokens[1] + 1)))
    ):
        return []
    return [Figure(start, end, value, value_to, None, "score", tokens[0], tokens[1], "SCORE", ["figure.score.v1"])]


@rule(
    "figure.number.v1",
    stage="figure",
    order=20,
    purpose="""A number the NER marks as a count, amount of money, percentage or quantity, with its
    approximator ("at least"), currency ("£23.99", "Rs 24 lakh"), and the noun it counts; a range
    ("between 25 and 30", "350–375 million", "97%–98%") keeps both ends.""",
    examples=[
        Example(
            "The ministry said at least 31,184 Palestinians had been killed.", figure="at least 31,184 Palestinians"
        ),
        Example("Tickets cost £23.99 each.", figure="£23.99"),
    ],
    counterexamples=["The first meeting was on Monday."],
)
def numbers(doc: Doc, text: str, found: list[Figure]) -> list[Figure]:
    out: list[Figure] = []
    for ent in doc.ents:
        if ent.label_ in FIGURE_ENTS and not _overlaps(ent.start_char, ent.end_char, found + out):
            figure = _of_entity(doc, ent)
            if figure is not None:
                out.append(figure)
    return _joined_ranges(text, out)


def _joined_ranges(text: str, figures: list[Figure]) -> list[Figure]:
    """Two figures the NER split at "to" or a dash ("242 to 330 passengers") are one range."""
    out: list[Figure] = []
    for figure in figures:
        prev = out[-1] if out else None
        between = text[prev.end : figure.start].strip().lower() if prev is not None else None
        if (
            prev is not None
            and between in ("to", "-", "–")
            and prev.value_to is None
            and prev.unit in (None, figure.unit)
            and prev.label == figure.label
            and figure.value is not None
        ):
            prev.end, prev.value_to, prev.unit, prev.last = figure.end, figure.value, figure.unit, figure.last
            continue
        out.append(figure)
    return out


def _of_entity(doc: Doc, ent: Span) -> Figure | None:
    approx = _approximation(doc, ent.start, ent.start_char)
    start, approximation = approx if approx is not None else (ent.start_char, None)
    currencies = lexicon.currencies()
    words = [t for t in ent if t.lower_ not in APPROXIMATORS and t.lower_ not in ("some", "about", "over")]
    if not words:
        return None
    low, high = _range_parts(words)
    value = parse_value([t.lower_ for t in low if t.text not in currencies])
    value_to = parse_value([t.lower_ for t in high if t.text not in currencies]) if high else None
    if value is None:
        return None
    if (
        value_to is not None
        and low
        and high
        and high[-1].lower_ in lexicon.scales()
        and low[-1].lower_ not in lexicon.scales()
    ):
        value *= lexicon.scales()[high[-1].lower_]  # "350–375 million": both ends are millions
    if ent.label_ == "CARDINAL" and [t.lower_ for t in words if _numeric(t)] in (["one"], ["a"], ["an"]):
        return None  # "one of them", "just one": a pronoun or an article
    currency = _currency(doc, ent.start, ent.end - 1)
    end = ent.end_char
    if currency:
        unit: str | None = currency
        before = doc[ent.start - 1] if ent.start > 0 else None
        if before is not None and before.text in currencies and before.idx < start:
            start = before.idx  # "Rs 24 lakh": the currency word before the number belongs to it
    elif ent.label_ == "PERCENT" or any(t.lower_ in PERCENT_WORDS for t in words):
        unit = "percent"
    else:
        unit, end = _counted_noun(doc, ent[-1], end)
    return Figure(
        start, end, value, value_to, approximation, unit, ent.start, ent.end - 1, ent.label_, ["figure.number.v1"]
    )


def _range_parts(words: list[Token]) -> tuple[list[Token], list[Token]]:
    """The two ends of a range in a figure's words ("between 25 and 30", "350–375", "15 to 20")."""
    for k, tok in enumerate(words[1:-1], start=1):
        if tok.lower_ in _RANGE_WORDS and _numeric(words[k - 1]) and _numeric(words[k + 1]):
            if tok.lower_ == "and" and not any(t.lower_ == "between" for t in words[:k]):
                continue
            if _compound_number_word(words[k - 1], tok, words[k + 1]):
                continue  # "forty-three" is one number, not the range 40 to 3
            return [w for w in words[:k] if w.lower_ != "between"], words[k + 1 :]
    return words, []


def _compound_number_word(left: Token, dash: Token, right: Token) -> bool:
    """Number words joined by a hyphen with no space ("Forty-three", "twenty-one"): the
    tokenizer splits them, but they spell one number; digits so joined ("8-27") are a range."""
    spelled = not any(ch.isdigit() for ch in left.text + right.text)
    return spelled and dash.text == "-" and not left.whitespace_ and not dash.whitespace_


def _numeric(tok: Token) -> bool:
    return tok.like_num or tok.lower_ in WORD_NUMBERS or tok.text.rstrip("%") != tok.text


# ----------------------------------------------------------------------------- filters
def _next(doc: Doc, i: int) -> Token | None:
    return doc[i] if 0 <= i < len(doc) else None


@rule(
    "figure.not_compound.v1",
    stage="figure_filter",
    order=10,
    removes=True,
    purpose="""A number fused into a compound adjective classifies a noun and counts nothing: "a
    four-game suspension", "a 14-inch display", "a two-state solution", "five-time champion";
    nor is a frequency ("four times this month").""",
    examples=[Example("He served a four-game suspension for the fight.", figure="four-game")],
    counterexamples=["He served four games of his suspension."],
)
def not_compound(doc: Doc, figure: Figure) -> bool:
    if figure.label == "SCORE" or figure.unit in ("percent", *lexicon.currencies().values()):
        return False
    after, word = _next(doc, figure.last + 1), _next(doc, figure.last + 2)
    if after is not None and after.text in ("-", "‑") and word is not None and word.is_alpha:
        return True
    if _hyphenated_measure(doc, figure) and after is not None and after.pos_ in ("NOUN", "PROPN"):
        return True  # "a 16-inch MacBook", "5-gallon bottles": the measure classifies the noun
    return after is not None and after.lower_ in ("times", "time")


def _hyphenated_measure(doc: Doc, figure: Figure) -> bool:
    """The figure ends in a number, a hyphen and a word: "16-inch"."""
    last = doc[figure.last]
    return (
        figure.last - figure.first >= 2
        and last.is_alpha
        and doc[figure.last - 1].text in ("-", "‑")
        and _numeric(doc[figure.last - 2])
    )


@rule(
    "figure.not_name.v1",
    stage="figure_filter",
    order=20,
    removes=True,
    purpose="""A number that is part of a name counts nothing: models and products ("iPhone 11",
    "11 Pro Max", "STOXX 600"), titles ("15 Fun Facts About...", "10 Things in Tech"), 911.""",
    examples=[Example("The iPhone 11 Pro Max has the best battery of any phone.", figure="11")],
    counterexamples=["Apple sold 11 million phones in the quarter."],
)
def not_name(doc: Doc, figure: Figure) -> bool:
    if figure.label in ("SCORE", "MONEY", "PERCENT") or figure.value_to is not None:
        return False
    first = doc[figure.first]
    if first.text == "911":
        return True
    before, after = _next(doc, figure.first - 1), _next(doc, figure.last + 1)
    if before is not None and before.pos_ == "PROPN" and before.idx + len(before.text) + 1 >= first.idx:
        return _names_the_number(before, doc[figure.last])
    if figure.approximation is None and first.text in per_document(doc, "name_numbers", _name_numbers):
        return True  # "the 777 program" where the text also says "Boeing 777"
    # "15 Fun Facts About...", "10 Things in Tech": a number going on in title case, not
    # "31,184 Palestinians" or "300 Google employees" (the NER knows the people it counts)
    return after is not None and after.pos_ == "PROPN" and after.is_title and after.ent_type_ in ("", "WORK_OF_ART")


def _names_the_number(before: Token, number: Token) -> bool:
    """A proper noun right before a number names it ("iPhone 11", "Route 66") unless it is a
    place or people ("Gaza 5", "Democrats 48"), a date, a number, or a player whose count
    follows ("Aiden Haig 1 goal", "Tolivert 25 points")."""
    if before.ent_type_ in ("GPE", "NORP", "PERSON", "DATE") or before.text[:1].isdigit():
        return False
    return not _counts_a_noun(number)


def _counts_a_noun(number: Token) -> bool:
    """A short number before a common noun counts it ("1 goal", "25 points"); model numbers
    before a noun ("737 jets") are longer."""
    after = _next(number.doc, number.i + 1)
    return after is not None and after.pos_ == "NOUN" and after.is_lower and len(number.text) < 3


def _name_numbers(doc: Doc) -> frozenset[str]:
    """Numbers the text uses as names somewhere: tagged as part of a product name, or right
    after a proper noun (or an organisation's possessive) that names them ("Boeing 777",
    "Boeing's 787")."""
    found = set()
    for tok in doc:
        if not tok.is_digit:
            continue
        prev = _next(doc, tok.i - 1)
        if prev is not None and prev.tag_ == "POS" and prev.i >= 1:
            prev = doc[prev.i - 1] if doc[prev.i - 1].ent_type_ == "ORG" else None
        adjacent = (
            prev is not None
            and prev.pos_ == "PROPN"
            and prev.idx + len(prev.text) < tok.idx <= prev.idx + len(prev.text) + 3
        )
        if (tok.ent_type_ == "PRODUCT" and not _counts_a_noun(tok)) or (
            adjacent and prev is not None and _names_the_number(prev, tok)
        ):
            found.add(tok.text)
    return frozenset(found)


_REFERENCE_CONTEXT = re.compile(r"(?:\+\d|\(\d\)|\d-\d{3}-|\[\d+\]|\d;\s*\d+:|\d{3}[-. ]\d{3,4}\b)")


@rule(
    "figure.not_reference.v1",
    stage="figure_filter",
    order=30,
    removes=True,
    purpose="""Phone numbers, footnote markers and citations are no quantities: "+49 (0)40 890 85-433",
    "1-800-843-0008", "[1]", "2015; 28: 685-690".""",
    examples=[
        Example("For reprints call 1-800-843-0008 or visit the site.", figure="1"),
        Example("What he said:\n2. Never urged Ukraine to investigate anyone.", figure="2"),
    ],
    counterexamples=["The company hired 800 workers last year."],
)
def not_reference(doc: Doc, figure: Figure) -> bool:
    if figure.unit in ("percent", *lexicon.currencies().values()):
        return False
    text = per_document(doc, "text", lambda d: d.text)
    window = text[max(0, figure.start - 12) : figure.end + 12]
    return bool(_REFERENCE_CONTEXT.search(window)) or window.strip().startswith("[") or _list_number(text, figure)


def _list_number(text: str, figure: Figure) -> bool:
    """ "2. Never urged Ukraine...": the number of an item in a list, at the start of its line."""
    line_start = text.rfind("\n", 0, figure.start) + 1
    return not text[line_start : figure.start].strip() and text[figure.end : figure.end + 1] in (".", ")")


@rule(
    "figure.not_referential.v1",
    stage="figure_filter",
    order=40,
    removes=True,
    purpose=""""the two companies", "the two were on the ground", "these three": a small number after
    a definite word refers back to what the text already counted; it states no new quantity.""",
    examples=[Example("The two companies reached a deal on Monday.", figure="two companies")],
    counterexamples=["Two companies reached a deal on Monday."],
)
def not_referential(doc: Doc, figure: Figure) -> bool:
    numbers = [t for t in doc[figure.first : figure.last + 1] if _numeric(t)]
    if figure.approximation or figure.label != "CARDINAL" or len(numbers) != 1 or not numbers[0].is_alpha:
        return False
    before = _next(doc, numbers[0].i - 1)
    if before is not None and before.lower_ in ("first", "last", "only", "other", "next") and before.i >= 1:
        before = doc[before.i - 1]  # "the only two Arab states", "the first two women"
    return before is not None and (before.lower_ in ("the", "these", "those", "both") or before.dep_ == "poss")


@rule(
    "figure.not_denominator.v1",
    stage="figure_filter",
    order=50,
    removes=True,
    purpose=""""won five of six", "12 of 13", "two of three requirements": the number after "of" is the
    whole the first number is a part of; the part is the figure.""",
    examples=[Example("Winnipeg has won three in a row and five of six.", figure="six")],
    counterexamples=["The fire destroyed most of 120 homes."],
)
def not_denominator(doc: Doc, figure: Figure) -> bool:
    of, part = _next(doc, figure.first - 1), _next(doc, figure.first - 2)
    if part is not None and part.lower_ == "out" and figure.first >= 3:
        part = doc[figure.first - 3]  # "one night out of 17"
    return (
        figure.label == "CARDINAL"
        and figure.approximation is None
        and of is not None
        and of.lower_ == "of"
        and part is not None
        and _numeric(part)
    )


@rule(
    "figure.not_duration.v1",
    stage="figure_filter",
    order=60,
    removes=True,
    purpose="""Durations count time, which the analysis leaves with dates and times: "a 30 min
    activity", "for 17 NBA seasons", "up to five years" when the NER misses them.""",
    examples=[Example("Going upstairs was a 30 min activity for me.", figure="30 min")],
    counterexamples=["The agency counted 30 minors at the border."],
)
def not_duration(doc: Doc, figure: Figure) -> bool:
    units = lexicon.word_set("duration_units")
    return figure.unit is not None and any(w.lower() in units for w in figure.unit.split()[:2])


@rule(
    "figure.not_year.v1",
    stage="figure_filter",
    order=70,
    removes=True,
    purpose=""""until at least 2021", "since 1998": a four-digit number between 1800 and 2100 that
    counts nothing is a year the NER took for a count.""",
    examples=[Example("Lawmakers held off on further funding until at least 2021.", figure="at least 2021")],
    counterexamples=["The company cut 2021 jobs last year."],
)
def not_year(doc: Doc, figure: Figure) -> bool:
    number = doc[figure.last]
    return (
        figure.label == "CARDINAL"
        and figure.unit is None
        and figure.value_to is None
        and len(number.text) == 4
        and number.is_digit
        and 1800 <= int(number.text) <= 2100
    )


def _source_tokens(doc: Doc, attributions: list[AttributionRecord], links: list[SourceLink]) -> set[int]:
    heads: set[int] = set()
    for rng in [a.source for a in attributions] + [link.mention for link in links]:
        if rng:
            span = doc.char_span(rng[0], rng[1], alignment_mode="expand")
            if span is not None:
                heads.update(t.i for t in span)
    return heads


# ----------------------------------------------------------------------------- the step
def find_figures(doc: Doc, rules: RuleSet, source_tokens: set[int]) -> list[Figure]:
    """Every figure of the document: the generators in order, then the filters."""
    text = text_of(doc)
    found: list[Figure] = []
    for r in rules.stage("figure"):
        found += r.func(doc, text, found)
    kept = []
    for figure in sorted(found, key=lambda f: f.start):
        if figure.label == "CARDINAL" and any(i in source_tokens for i in range(figure.first, figure.last + 1)):
            continue  # "four US officials": the count of a source, not a figure
        if not any(r.func(doc, figure) for r in rules.stage("figure_filter")):
            kept.append(figure)
    return kept


def link_claims(
    doc: Doc, attributions: list[AttributionRecord], links: list[SourceLink], rules: RuleSet | None = None
) -> list[ClaimRecord]:
    """Figures with the attribution and source they belong to, and their caveats."""
    rules = rules or RuleSet.without()
    figures = find_figures(doc, rules, _source_tokens(doc, attributions, links))
    source_of = {link.attribution: link.source_id for link in links}
    owners = [_owner(f, attributions) for f in figures]
    caveats: list[list[CharRange]] = [[] for _ in figures]
    sentences = Sentences(doc)
    text = text_of(doc)
    sources = [source_of.get(o.id) if o else None for o in owners]
    for caveat in find_caveats(text):
        span = _caveat_span(text, caveat, sentences)
        for k in _covered(caveat, figures, sources, sentences):
            if span not in caveats[k]:
                caveats[k].append(span)
    return [
        ClaimRecord(
            start=f.start,
            end=f.end,
            value=f.value,
            approximation=f.approximation,
            unit=f.unit,
            attribution=o.id if o else None,
            source=s,
            caveats=tuple(c),
            rules=tuple(f.rules),
            value_to=f.value_to,
        )
        for f, o, s, c in zip(figures, owners, sources, caveats, strict=True)
    ]


def _owner(fig: Figure, attributions: list[AttributionRecord]) -> AttributionRecord | None:
    for attr in attributions:
        if any(s <= fig.start and fig.end <= e for s, e in attr.content):
            return attr
    return None


def find_caveats(text: str) -> list[CharRange]:
    """Caveat phrases ("unverified", "have not been independently verified") as character
    ranges, overlapping matches merged."""
    found = [(m.start(), m.end()) for pattern in lexicon.patterns("caveats.txt") for m in pattern.finditer(text)]
    merged: list[CharRange] = []
    for start, end in sorted(found):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _caveat_span(text: str, caveat: CharRange, sentences: Sentences) -> CharRange:
    """The caveat as read: from its sentence's start to the end of the clause holding the phrase
    ('The terror group’s figures are unverified')."""
    sent = sentences.of_char(caveat[0])
    if sent is None:
        return caveat
    end = caveat[1]
    while end < sent.end_char and text[end] not in ",;.\n":
        end += 1
    return sent.start_char, end


def _covered(caveat: CharRange, figures: list[Figure], sources: list[str | None], sentences: Sentences) -> list[int]:
    """The figures a caveat qualifies: those before it in its sentence, else the last source's."""
    sent = sentences.of_char(caveat[0])
    if sent is None:
        return []
    same = [k for k, f in enumerate(figures) if sent.start_char <= f.start < caveat[0]]
    if same:
        return same
    before = [k for k, f in enumerate(figures) if f.end <= sent.start_char and sent.start_char - f.end < 1500]
    attributed = [k for k in before if sources[k] is not None]
    if attributed:
        last_source = sources[attributed[-1]]
        return [k for k in attributed if sources[k] == last_source]
    return before[-2:]
