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

import numpy
from spacy.attrs import ENT_TYPE, LOWER, TAG
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
_FRACTION_RE = re.compile(r"^(\d{1,3})/(\d{1,3})$")
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


def _indices_where(doc: Doc, **wanted: str) -> list[int]:
    """The indices of the tokens whose attributes (``tag``, ``ent_type``, ``lower``; "" for
    none) have the given values, in order: read from one array of the document rather than
    one Token object per token, for the scans that keep a few tokens out of thousands."""
    attrs = {"tag": TAG, "ent_type": ENT_TYPE, "lower": LOWER}
    names = list(wanted)
    table = doc.to_array([attrs[name] for name in names]).reshape(len(doc), len(names))
    keep = numpy.ones(len(doc), dtype=bool)
    for column, name in enumerate(names):
        value = wanted[name]
        keep &= table[:, column] == (doc.vocab.strings[value] if value else 0)
    return [int(i) for i in numpy.flatnonzero(keep)]


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
    if fraction := _FRACTION_RE.match(w):
        return _digit_fraction(int(fraction.group(1)), int(fraction.group(2)), current, total)
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


def _digit_fraction(
    numerator: int, denominator: int, current: float | None, total: float
) -> tuple[float | None, float, bool | None]:
    """ "7/32", "3/4": a fraction in digits has halves, quarters, eighths... (a bond's price, an
    inch); "9/11" and "24/7" are names and dates, no fractions."""
    if 0 < numerator < denominator and denominator & (denominator - 1) == 0:
        return (current or 0) + numerator / denominator, total, True
    return current, total, None


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
        if phrase not in lowered:
            continue  # a substring test rules out most phrases before any regex is built and run
        for match in re.finditer(r"\b" + re.escape(phrase) + r"\b", lowered):
            char = window.start_char + match.start()
            ends_before = window.start_char + match.end() <= start_char + len(phrase) + 1
            joined = lowered[match.end() : start_char - window.start_char].strip() in ("", "of")
            inside = char == start_char  # the NER often includes it: "at least 31,184"
            if inside or (char <= start_char and ends_before and joined and (best is None or char < best[0])):
                best = (char, phrase)
    return best


def _counted_noun(doc: Doc, last: Token, end: int, after: int | None = None) -> tuple[str | None, int]:
    """The noun the figure counts: 'Palestinians' in '31,184 Palestinians' (its words from
    ``after``, the token after the figure's number words, when the number's head is further on)."""
    head = last.head
    after = last.i + 1 if after is None else after
    if last.dep_ in ("nummod", "quantmod", "compound") and head.i >= after and head.pos_ in ("NOUN", "PROPN"):
        unit = " ".join(t.text for t in doc[after : head.i + 1] if not t.is_punct)
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
    "figure.score.v2",
    stage="figure",
    order=10,
    purpose="""Scores and records are one figure with both ends, never a sum: "Wild 4, Sabres 1", "won
    24-17", "a 4-2-1 record", "won five of six" (value the first number, value_to the last, unit
    "score"); a dash between numbers before "million" or "%" is a range of amounts, not a score.""",
    examples=[
        Example("The game ended Wild 4, Sabres 1 after a late goal.", figure="Wild 4, Sabres 1"),
        Example("The Panthers won 24-17 on Sunday and are now 6-2-1.", figure="24-17"),
        Example("Leeds have won three straight and seven of nine.", figure="seven of nine"),
    ],
    counterexamples=[
        "The plan was approved on 11 November 2019.",
        "Two of three voters backed the plan.",
        "Fares rose to 120–140 million a year.",
    ],
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
        if _scale_follows(text, match.end()):
            continue  # "350–375 million": a range of amounts, which the number rule reads
        numbers = [int(n) for n in digits]
        out += _score(doc, match.start(), match.end(), numbers[0], numbers[-1], found + out)
    for part, whole in _part_of_whole(doc):
        out += _score(doc, part.idx, whole.idx + len(whole.text), _word_value(part), _word_value(whole), found + out)
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
    return [Figure(start, end, value, value_to, None, "score", tokens[0], tokens[1], "SCORE", ["figure.score.v2"])]


def _scale_follows(text: str, end: int) -> bool:
    after = re.match(r"\s*([A-Za-z]+|%)", text[end : end + 16])
    return after is not None and (after.group(1) == "%" or after.group(1).lower() in lexicon.scales())


def _word_value(tok: Token) -> float:
    value = parse_value([tok.lower_])
    return value if value is not None else 0.0


def _part_of_whole(doc: Doc) -> list[tuple[Token, Token]]:
    """ "won five of six", "12 of 13": two bare numbers joined by "of", the second counting no
    noun, are a record (a part and its whole). "one of six" is left alone ("one" is the
    pronoun), and so is "two of three voters", where the whole counts a noun."""
    found = []
    for i in _indices_where(doc, lower="of"):
        of = doc[i]
        part, whole = _next(doc, of.i - 1), _next(doc, of.i + 1)
        if part is None or whole is None:
            continue
        if not (_bare_number(part) and _bare_number(whole)) or part.lower_ in ("one", "a", "an"):
            continue
        after = _next(doc, whole.i + 1)
        counts_noun = after is not None and after.pos_ in ("NOUN", "PROPN", "ADJ", "NUM")
        if not counts_noun and 0 < _word_value(part) <= _word_value(whole):
            found.append((part, whole))
    return found


def _bare_number(tok: Token) -> bool:
    """A whole number in digits or one number word ("six", "12"), not part of a date or a time."""
    return (tok.is_digit or tok.lower_ in WORD_NUMBERS) and tok.ent_type_ not in ("DATE", "TIME", "MONEY", "PERCENT")


@rule(
    "figure.multiple.v1",
    stage="figure",
    order=15,
    purpose="""A multiple written with "x" is a quantity with unit "x": "~9x as cost-effective",
    "1-2x", "between ~3x and ~12x" (a range keeps both ends; "~" is an approximator).""",
    examples=[Example("The new chip is roughly 4x faster than the old one.", figure="roughly 4x")],
    counterexamples=["They bought a 4x4 and drove it to the coast."],
)
def multiples(doc: Doc, text: str, found: list[Figure]) -> list[Figure]:
    out: list[Figure] = []
    for match in _MULTIPLE.finditer(text):
        if match.group("joint") == "and" and not match.group("between"):
            continue  # "3x and 5x" are two figures; only "between" makes them a range
        tokens = _token_range(doc, match.start(), match.end())
        if tokens is None or _overlaps(match.start(), match.end(), found + out):
            continue
        low, high = float(match.group("low")), match.group("high")
        start, approximation = match.start(), "~" if text[match.start("low") - 1] == "~" else None
        approx = _approximation(doc, tokens[0], match.start())
        if approx is not None and not match.group("between"):
            start, approximation = approx
        value_to = float(high) if high else None
        out.append(
            Figure(start, match.end(), low, value_to, approximation, "x", *tokens, "MULTIPLE", ["figure.multiple.v1"])
        )
    return out


_MULTIPLE = re.compile(
    r"(?<![\w.~])(?P<between>between\s+)?~?(?P<low>\d+(?:\.\d+)?)x?"
    r"(?:\s*(?P<joint>[-–]|to|and)\s*~?(?P<high>\d+(?:\.\d+)?))?x(?![\w-])"
)


@rule(
    "figure.number.v2",
    stage="figure",
    order=20,
    purpose="""A number the NER marks as a count, amount of money, percentage or quantity, with its
    approximator ("at least"), currency ("£23.99", "Rs 24 lakh", "30 euros"), scale ("24 lakh" when
    the NER stops before it), and the noun it counts; a range ("between 25 and 30", "350–375
    million", "97%–98%") keeps both ends; "five-and-a-half" and "7/32" are one number each; "one"
    is a figure only when it counts a noun ("one woman"), not as a pronoun ("one of them").""",
    examples=[
        Example(
            "The ministry said at least 31,184 Palestinians had been killed.", figure="at least 31,184 Palestinians"
        ),
        Example("Tickets cost £23.99 each.", figure="£23.99"),
        Example("The cell held 40 men with only one shower.", figure="only one shower"),
        Example("The candidate lost by four-and-a-half points.", figure="four-and-a-half points"),
    ],
    counterexamples=["The first meeting was on Monday.", "Only one of them came back."],
)
def numbers(doc: Doc, text: str, found: list[Figure]) -> list[Figure]:
    out: list[Figure] = []
    for ent in doc.ents:
        if ent.label_ in FIGURE_ENTS and not _overlaps(ent.start_char, ent.end_char, found + out):
            figure = _of_entity(doc, ent)
            if figure is not None:
                out.append(figure)
    return _joined_ranges(text, out)


@rule(
    "figure.count.v1",
    stage="figure",
    order=30,
    purpose="""A count the NER left unmarked: a number right before the noun it counts ("pinning 800
    students inside", "in their past nine games"), read like a marked count (approximator, range,
    counted noun); durations stay out with dates.""",
    examples=[Example("The Hawks are 5-3-2 in their past eight games.", figure="eight games")],
    counterexamples=[
        "The team won on Saturday.",
        "He said one thing and did another.",
        "Fans met before the 2016 convention.",
    ],
)
def counts(doc: Doc, text: str, found: list[Figure]) -> list[Figure]:
    out: list[Figure] = []
    # the tokens _unmarked_count asks about first (a number outside every entity)
    for i in _indices_where(doc, tag="CD", ent_type=""):
        tok = doc[i]
        if not _unmarked_count(tok) or _overlaps(tok.idx, tok.idx + len(tok.text), found + out):
            continue
        figure = _of_entity(doc, Span(doc, tok.i, tok.i + 1, label="CARDINAL"))
        if figure is not None and figure.unit is not None:
            figure.rules = ["figure.count.v1"]
            out.append(figure)
    return out


def _unmarked_count(tok: Token) -> bool:
    """A number outside every entity modifying a plural common noun after it that is no unit of
    time ("800 students"); a year ("the 2016 convention") or a classifier before a singular noun
    ("a seven member council") counts nothing."""
    if tok.tag_ != "CD" or tok.ent_type_ != "":
        return False  # most tokens: asked first, before anything costs
    head, before = tok.head, _next(tok.doc, tok.i - 1)
    if before is not None and before.text in ("-", "‑") and not before.whitespace_:
        return False  # "to high-five passersby": the number is part of a word
    return (
        tok.ent_type_ == ""
        and tok.tag_ == "CD"
        and (tok.is_digit or _NUMBER_RE.match(tok.text) is not None or tok.lower_ in WORD_NUMBERS)
        and not (tok.is_digit and len(tok.text) == 4 and 1800 <= int(tok.text) <= 2100)
        and tok.dep_ == "nummod"
        and head.i > tok.i
        and head.pos_ == "NOUN"
        and head.tag_ == "NNS"
        and head.is_alpha
        and head.lower_ not in lexicon.word_set("duration_units")
    )


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


def _extended(doc: Doc, ent: Span) -> tuple[list[Token], float]:
    """The entity's tokens with the scale words the NER left after it ("24" + "lakh"), and a
    spelled fraction fused to its last number ("five" + "-and-a-half"): (tokens, fraction)."""
    tokens, i = list(ent), ent.end
    while i < len(doc) and doc[i].lower_ in lexicon.scales() and not doc[i].is_title and tokens[-1].like_num:
        tokens.append(doc[i])
        i += 1
    fused = []
    while i < len(doc) and not doc[i - 1].whitespace_ and doc[i].lower_ in ("-", "and", "a", *lexicon.fractions()):
        fused.append(doc[i])
        i += 1
    joined = "".join(t.text for t in fused).lower()
    match = re.fullmatch(r"-and-an?-(\w+)", joined)
    if match and match.group(1) in lexicon.fractions():
        return tokens + fused, lexicon.fractions()[match.group(1)]
    return tokens, 0.0


def _of_entity(doc: Doc, ent: Span) -> Figure | None:
    approx = _approximation(doc, ent.start, ent.start_char)
    start, approximation = approx if approx is not None else (ent.start_char, None)
    currencies = lexicon.currencies()
    tokens, fraction = _extended(doc, ent)
    words = [t for t in tokens if t.lower_ not in APPROXIMATORS and t.lower_ not in ("some", "about", "over")]
    if fraction:
        words = [t for t in words if t.lower_ not in ("-", "and", "a", "an") and t.lower_ not in lexicon.fractions()]
    if not words or (ent.label_ == "CARDINAL" and _article_one(doc, words)):
        return None
    values = _values(words, currencies, fraction)
    if values is None:
        return None
    currency = _currency(doc, ent.start, tokens[-1].i)
    end = tokens[-1].idx + len(tokens[-1].text)
    if currency:
        unit: str | None = currency
        before = doc[ent.start - 1] if ent.start > 0 else None
        if before is not None and before.text in currencies and before.idx < start:
            start = before.idx  # "Rs 24 lakh": the currency word before the number belongs to it
        after = _next(doc, tokens[-1].i + 1)
        if after is not None and after.text in currencies and after.is_alpha:
            end = after.idx + len(after.text)  # "4,000 euros": so does the word after it
    elif ent.label_ == "PERCENT" or any(t.lower_ in PERCENT_WORDS for t in words):
        unit = "percent"
    else:
        unit, end = _counted_noun(doc, ent[-1] if fraction else tokens[-1], end, tokens[-1].i + 1)
    return Figure(start, end, *values, approximation, unit, ent.start, tokens[-1].i, ent.label_, ["figure.number.v2"])


def _values(words: list[Token], currencies: dict[str, str], fraction: float) -> tuple[float, float | None] | None:
    """The value and the upper end of a range, or None when the words hold no number."""
    low, high = _range_parts(words)
    low_words, high_words = _words(low, currencies), _words(high, currencies)
    if not high_words:
        low_words, high_words = _split_joined(low_words)  # "97%–98%", "350–375 million": one token to the NER
    value = parse_value(low_words)
    value_to = parse_value(high_words) if high_words else None
    if value is None:
        return None
    value += fraction
    scales = lexicon.scales()
    if value_to is not None and high_words[-1] in scales and low_words[-1] not in scales:
        value *= scales[high_words[-1]]  # "350–375 million": both ends are millions
    return value, value_to


def _article_one(doc: Doc, words: list[Token]) -> bool:
    """ "one of them", "one thing": "one" (or "a") alone is a pronoun or an article, unless it
    counts a noun in a counting context ("only one toilet")."""
    if [t.lower_ for t in words if _numeric(t)] not in (["one"], ["a"], ["an"]):
        return False
    last = words[-1]
    return not (last.lower_ == "one" and _counts_noun_after(last) and _counted_one(doc, last))


_JOINED_RANGE = re.compile(r"^(\d[\d.,]*)%?[-–](\d[\d.,]*)%?$")


def _split_joined(words: list[str]) -> tuple[list[str], list[str]]:
    """The ends of a range written as one token ("97%–98", "350–375"), the words after it
    (a scale) going with the upper end."""
    for k, word in enumerate(words):
        if joined := _JOINED_RANGE.match(word):
            return [*words[:k], joined.group(1)], [joined.group(2), *words[k + 1 :]]
    return words, []


def _words(tokens: list[Token], currencies: dict[str, str]) -> list[str]:
    return [t.lower_ for t in tokens if t.text not in currencies]


def _counted_one(doc: Doc, one: Token) -> bool:
    """ "one" is mostly an article ("one thing", "one day"); it counts when a focus word makes
    it a number ("only one toilet", "including one woman") or it goes with another count ("two
    top charities and one standout charity")."""
    before = _next(doc, one.i - 1)
    if before is not None and before.lower_ in lexicon.word_set("counting_focus"):
        return True
    noun = one.head
    partners = [noun.head] if noun.dep_ == "conj" else []
    partners += [c for c in noun.children if c.dep_ == "conj"]
    return any(any(c.dep_ == "nummod" and c.like_num and c.i != one.i for c in p.children) for p in partners)


def _counts_noun_after(number: Token) -> bool:
    """ "one woman", "only one toilet": the number modifies a noun after it that is no unit of time
    (durations are left with dates)."""
    head = number.head
    return (
        number.dep_ == "nummod"
        and head.i > number.i
        and not any(t.is_punct for t in number.doc[number.i + 1 : head.i])
        and head.pos_ == "NOUN"
        and head.lower_ not in lexicon.word_set("duration_units")
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
    "figure.not_compound.v2",
    stage="figure_filter",
    order=10,
    removes=True,
    purpose="""A number fused into a compound adjective classifies a noun and counts nothing: "a
    four-game suspension", "a 14-inch display", "a two-state solution", "five-time champion";
    nor is a frequency ("four times this month"). A fraction fused to a number ("four-and-a-half
    points") is part of the number, no compound.""",
    examples=[Example("He served a four-game suspension for the fight.", figure="four-game")],
    counterexamples=["He served four games of his suspension.", "She won by four-and-a-half points."],
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
    """The figure ends in a number, a hyphen and a word: "16-inch" (not "-a-half", a fraction)."""
    last = doc[figure.last]
    return (
        figure.last - figure.first >= 2
        and last.is_alpha
        and last.lower_ not in lexicon.fractions()
        and doc[figure.last - 1].text in ("-", "‑")
        and _numeric(doc[figure.last - 2])
    )


@rule(
    "figure.not_name.v2",
    stage="figure_filter",
    order=20,
    removes=True,
    purpose="""A number that is part of a name counts nothing: models and products ("iPhone 11",
    "11 Pro Max", "STOXX 600"), titles ("15 Fun Facts About...", "10 Things in Tech": a number before
    a capitalised common noun mid-sentence), 911. An amount of money is never a name ("Rs 24 lakh").""",
    examples=[
        Example("The iPhone 11 Pro Max has the best battery of any phone.", figure="11"),
        Example("Every morning you can listen to 12 Stories in Science on the radio.", figure="12 Stories"),
    ],
    counterexamples=["Apple sold 11 million phones in the quarter.", "She said she had spent Rs 30 lakh on fees."],
)
def not_name(doc: Doc, figure: Figure) -> bool:
    if figure.label in ("SCORE", "MONEY", "PERCENT") or figure.value_to is not None:
        return False
    if figure.unit in lexicon.currencies().values():
        return False  # "Rs 24 lakh": "Rs" is the currency, not a name the number belongs to
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
    return after is not None and after.is_title and after.ent_type_ in ("", "WORK_OF_ART") and _titled(after)


def _titled(word: Token) -> bool:
    """A capitalised word that is a proper noun, or a common noun capitalised mid-sentence because
    a title goes on in title case after it ("10 Things in Tech"; not "2 degrees Celsius this
    century", "125,000 Twitter accounts")."""
    if word.pos_ == "PROPN":
        return True
    if word.pos_ != "NOUN" or word.is_sent_start:
        return False
    going_on = [t for t in word.doc[word.i + 1 : word.i + 3] if not t.is_sent_start]
    return any(t.is_title and t.is_alpha and t.ent_type_ not in ("DATE", "TIME") for t in going_on)


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
    text = text_of(doc)  # the text every step reads, built once per document
    window = text[max(0, figure.start - 12) : figure.end + 12]
    return bool(_REFERENCE_CONTEXT.search(window)) or window.strip().startswith("[") or _list_number(text, figure)


def _list_number(text: str, figure: Figure) -> bool:
    """ "2. Never urged Ukraine...": the number of an item in a list, at the start of its line."""
    line_start = text.rfind("\n", 0, figure.start) + 1
    return not text[line_start : figure.start].strip() and text[figure.end : figure.end + 1] in (".", ")")


@rule(
    "figure.not_referential.v2",
    stage="figure_filter",
    order=40,
    removes=True,
    purpose=""""the two companies", "the two were on the ground", "these three": a spelled number after a
    definite word refers back to what the text already counted when it counts no noun ("these
    three") or is "the two" of a pair already named ("the two leaders", "the only two states");
    "the three deaths", "the other two contractors", "her first six albums" state a count.""",
    examples=[
        Example("The two companies reached a deal on Monday.", figure="two companies"),
        Example("Police said the three were released on bail.", figure="three"),
    ],
    counterexamples=[
        "Two companies reached a deal on Monday.",
        "The three deaths were blamed on the storm.",
        "The other two workers were sent home.",
    ],
)
def not_referential(doc: Doc, figure: Figure) -> bool:
    numbers = [t for t in doc[figure.first : figure.last + 1] if _numeric(t)]
    if figure.approximation or figure.label != "CARDINAL" or len(numbers) != 1 or not numbers[0].is_alpha:
        return False
    number, before = numbers[0], _next(doc, numbers[0].i - 1)
    other = False
    if before is not None and before.lower_ in ("first", "last", "only", "other", "next") and before.i >= 1:
        other = before.lower_ == "other"  # "the other two contractors": the rest of a group, counted
        before = doc[before.i - 1]  # "the only two Arab states", "the first two women"
    definite = before is not None and (before.lower_ in ("the", "these", "those", "both") or before.dep_ == "poss")
    if not definite:
        return False
    if figure.unit is None:
        return True  # "the two were on the ground", "these three": no noun, it stands for people named
    return number.lower_ == "two" and not other


@rule(
    "figure.not_denominator.v2",
    stage="figure_filter",
    order=50,
    removes=True,
    purpose=""""12 of 13 voters", "two of three requirements": the number after "of" is the whole the
    first number is a part of; the part is the figure. After "one of" the whole is the figure
    ("one of three diseases": "one" is the pronoun), and "won five of six" is a record.""",
    examples=[Example("The council rejected 11 of 14 applications this year.", figure="14 applications")],
    counterexamples=["The fire destroyed most of 120 homes.", "The flu is one of three diseases it spreads."],
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
        and part.lower_ not in ("one", "a", "an")
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
    "figure.not_year.v2",
    stage="figure_filter",
    order=70,
    removes=True,
    purpose=""""until at least 2021", "since 1998", "her 2000 Senate campaign", "the 2016 candidates": a
    four-digit number between 1800 and 2100 that counts nothing, or that classifies a singular
    noun or a name, is a year the NER took for a count ("2021 jobs" counts).""",
    examples=[
        Example("Lawmakers held off on further funding until at least 2021.", figure="at least 2021"),
        Example("Donors gave more to her 2008 Senate campaign than to anyone.", figure="2008 Senate campaign"),
    ],
    counterexamples=["The company cut 2021 jobs last year."],
)
def not_year(doc: Doc, figure: Figure) -> bool:
    number = doc[figure.last]
    if not (
        figure.label == "CARDINAL"
        and figure.value_to is None
        and len(number.text) == 4
        and number.is_digit
        and 1800 <= int(number.text) <= 2100
    ):
        return False
    head = number.head
    classifies = number.dep_ in ("nummod", "compound", "amod") and head.i > number.i and head.tag_ in ("NN", "NNP")
    return figure.unit is None or classifies


@rule(
    "figure.not_label.v1",
    stage="figure_filter",
    order=80,
    removes=True,
    purpose="""A number after a word that labels things by number names one of them, it counts nothing:
    "Part 3", "Section 2", "page 4", "No. 1", "channel 125", "Rule 40", "Flight 370" (the words are
    ``label_nouns`` in word_sets.tsv).""",
    examples=[
        Example("Read part 2 of the series here.", figure="2"),
        Example("The show airs on channel 125 every weekday.", figure="125"),
        Example("The court heard the case, No. 18-402, in March.", figure="18-402"),
    ],
    counterexamples=["The bill runs to 2 sections and 40 pages.", "She read four pages of the report."],
)
def not_label(doc: Doc, figure: Figure) -> bool:
    if figure.label not in ("CARDINAL", "SCORE") or figure.approximation is not None:
        return False
    before = _next(doc, figure.first - 1)
    if before is None or before.is_sent_end:
        return False
    word = before.lower_
    if word == "." and before.i >= 1 and not doc[before.i - 1].whitespace_:
        word = doc[before.i - 1].lower_ + "."  # "No. 1": the tokenizer splits the abbreviation
    return word in lexicon.word_set("label_nouns")


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
    text = text_of(doc)
    sources = [source_of.get(o.id) if o else None for o in owners]
    found = find_caveats(text)
    # the sentence index only when there is a caveat to place: most articles have none
    sentences = Sentences(doc) if found else None
    for caveat in found:
        assert sentences is not None
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
    found = lexicon.all_matches("caveats.txt", text)
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
