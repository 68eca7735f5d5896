"""Plain text as it really arrives: find the article's structure from the text alone.

A news text copied from a page or a feed often carries lines that are not article prose:
a stray fragment above the headline, the headline itself, a byline, a date line, a
dateline opening the first paragraph ("WASHINGTON (AP) —"), captions, "Read more"
links, share and subscribe prompts, and a footer naming the source ("Source: TOI").
:func:`detect_structure` finds them and returns them as excluded *ranges* of the text,
never cutting anything, so every offset stays that of the input. The headline, byline,
date and footer also give the title, authors, published date and outlet, and a wire
credit ("(Reuters) -", "Source: TOI", "AP contributed to this report") the wire service
(read by :mod:`accordingto.clean.credits`, so a wire is never an author).

Being wrong costs more one way than the other: a missed footer adds noise, but a false
exclusion removes real content from the analysis. So every rule is narrow:

* the text is split into paragraphs (blank-line separated; or one per line when the
  text has no blank lines); patterns must match a whole paragraph;
* headline and stray-line rules only look at the top of the text, and only when real
  prose follows; footer rules only at the end, in the run of paragraphs after the last
  prose paragraph; lexicon rules are in ``resources/lines.tsv``;
* a text with none of these comes out with nothing excluded.

Datelines: only the dateline part ("WASHINGTON (AP) —") is excluded, as ``dateline``;
the sentence after it stays. The wire service in parentheses becomes the outlet when no
footer names one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from accordingto.clean.credits import (
    Credit,
    canonical_wire,
    join_authors,
    names_someone,
    parse_credit,
    reporters_in,
    wire_mentioned,
)
from accordingto.clean.dates import parse_date
from accordingto.clean.lexicon import LinePattern, Zone, patterns_for
from accordingto.models import Excluded

#: Paragraphs longer than these are never matched by a lexicon rule: footers, captions and
#: bylines are short, and a long paragraph is prose whatever it starts with.
MAX_WORDS: Final[dict[str, int]] = {"lead": 30, "any": 60, "tail": 60}
#: How many paragraphs at the top may be headline, byline, date, kicker...
MAX_LEAD_PARAGRAPHS: Final = 8
#: A first line sharing this share of its words with the page's title (and the title with it) is the headline.
TITLE_ECHO_SHARE: Final = 0.7
#: A headline has this many words.
HEADLINE_WORDS: Final = (3, 30)
#: A title-case headline has this share of its long words capitalised: all of them, since
#: prose that opens with a name ("Bernie Sanders spoke in Iowa on Monday.") has most.
TITLE_CASE_SHARE: Final = 1.0
HEADLINE_MAX_CHARS: Final = 250
#: Headlines of other articles listed above a page's body have this share of long words capitalised.
TEASER_CAPITALISED: Final = 0.7
#: A stray line has at most this many words and characters.
STRAY_MAX_WORDS: Final = 4
STRAY_MAX_CHARS: Final = 40
#: A line in capitals of at most this many words is a subhead, whatever ends it.
SUBHEAD_MAX_SHOUTED_WORDS: Final = 12
#: A paragraph this long is prose even without final punctuation.
PROSE_MIN_WORDS_UNPUNCTUATED: Final = 40
PROSE_MIN_WORDS: Final = 4
#: A text without blank lines is hard-wrapped prose when at least this many (and this share)
#: of its lines of six words or more stop without sentence punctuation.
WRAPPED_LINE_MIN_WORDS: Final = 6
WRAPPED_MIN_LINES: Final = 3
WRAPPED_MIN_SHARE: Final = 0.4

_WORD = re.compile(r"\w[\w'’.-]*")
_BULLET = re.compile(r"^(?:[•·▪●◦‣∙*]|-(?=\s))\s*")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
# a full stop after a lone capital ("U.S. Court", "N.Y.") ends an abbreviation, not a sentence
_INNER_SENTENCE_BREAK = re.compile(r"(?:[!?]|(?<!\W[A-Z])(?<!^[A-Z])\.)[\"'”’»)]*\s+[\"'“‘«(]*[A-Z]")
_ONE_FULL_STOP = re.compile(r"(?<![.!?])\.([\"'”’]*)$")
_NO_HEADLINE_END = re.compile(r"[.,;:!?…][\"'”’»)]*$")
_STRAY_PUNCTUATION = re.compile(r"[.!?:;,\"“”«»()]")
_OPENING_QUOTES = "\"'“‘«(["
_WEB_ADDRESS = re.compile(r"https?://|www\.|\w@\w", re.I)
_TRAILING_SYMBOLS = re.compile(r"[\s\U0001F000-\U0001FAFF\u2190-\u21FF\u2600-\u27BF\u2B00-\u2BFF\uFE0F~]+$")
_CONTINUES_PROSE = re.compile(r"^\s*[\"'“‘«(]?[A-Z0-9]")
_INTERVIEW_TURN = re.compile(r"^(?:Q|A|Q\.|A\.)\s*[:.]\s")
_BYLINE_OPENER = re.compile(r"^(?i:by)\s")
#: words a title does not end with (a line ending so is wrapped prose)
_TITLE_CANNOT_END = frozenset(
    {"the", "a", "an", "of", "to", "and", "or", "in", "on", "at", "for", "with", "by", "which", "who", "that"}
)


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line: ``text`` is ``source[start:end]``, surrounding blanks excluded."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    lines: tuple[Line, ...]

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end

    @property
    def text(self) -> str:
        """The lines joined by single spaces, a leading bullet marker removed."""
        return _BULLET.sub("", " ".join(line.text for line in self.lines))

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.text))


@dataclass(slots=True)
class Structure:
    """What the text's layout says: excluded ranges and metadata found in them."""

    excluded: list[Excluded] = field(default_factory=list)
    title: str | None = None
    #: the authors joined with " and "; a byline that names no person and no wire ("By Staff
    #: Reporter") as it is written
    author: str | None = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    wire: str | None = None
    published: str | None = None

    def exclude(self, source: str, start: int, end: int, reason: str) -> None:
        self.excluded.append(Excluded(start, end, source[start:end], reason))

    def take(self, match: re.Match[str]) -> None:
        """Keep the authors, outlet, wire and date a rule's named groups captured (first found
        wins: the byline above the article before a "Reporting by" footer)."""
        groups = match.groupdict()
        self._credit(parse_credit(groups.get("author")), groups.get("author"))
        self._credit(reporters_in(groups.get("reporting")), None)
        self.outlet = self.outlet or _clean(groups.get("outlet"))
        self.wire = self.wire or canonical_wire(groups.get("outlet")) or wire_mentioned(groups.get("credit"))
        self.published = self.published or parse_date(groups.get("date"))

    def _credit(self, credit: Credit, written: str | None) -> None:
        if credit.authors and not self.authors:
            self.authors = list(credit.authors)
        self.wire = self.wire or credit.wire
        if self.authors:
            self.author = join_authors(self.authors)
        elif not credit.wire:
            self.author = self.author or _clean(written)


# ------------------------------------------------------------------ layout
def split_lines(text: str) -> list[Line | None]:
    """Every line of ``text``, None for a blank one; offsets are those of ``text``."""
    lines: list[Line | None] = []
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = offset + (len(raw) - len(raw.lstrip()))
            lines.append(Line(start, start + len(stripped), stripped))
        else:
            lines.append(None)
        offset += len(raw) + 1
    return lines


def split_paragraphs(text: str) -> list[Paragraph]:
    """Blank-line-separated paragraphs, or one paragraph per line when there is no blank line."""
    lines = split_lines(text)
    has_blank_separator = _has_blank_between_text(lines)
    paragraphs: list[Paragraph] = []
    current: list[Line] = []
    for line in lines:
        if line is None or not has_blank_separator:
            if current:
                paragraphs.append(Paragraph(tuple(current)))
            current = [line] if line is not None else []
        else:
            current.append(line)
    if current:
        paragraphs.append(Paragraph(tuple(current)))
    return paragraphs


def _has_blank_between_text(lines: list[Line | None]) -> bool:
    seen_text = False
    blank_after_text = False
    for line in lines:
        if line is None:
            blank_after_text = blank_after_text or seen_text
        elif blank_after_text:
            return True
        else:
            seen_text = True
    return False


def looks_hard_wrapped(paragraphs: list[Paragraph]) -> bool:
    """One line per paragraph, yet many long lines stop mid-sentence: prose wrapped at a fixed
    width with no blank lines, where a line is not a paragraph."""
    if any(len(p.lines) > 1 for p in paragraphs):
        return False
    long_lines = [p.text for p in paragraphs if p.words >= WRAPPED_LINE_MIN_WORDS]
    unfinished = [line for line in long_lines if not _SENTENCE_END.search(line)]
    return len(unfinished) >= WRAPPED_MIN_LINES and len(unfinished) >= WRAPPED_MIN_SHARE * len(long_lines)


# ------------------------------------------------------------------ what a paragraph looks like
def is_prose(paragraph: Paragraph) -> bool:
    """Sentences: ends like a sentence and has a few words, or is simply long."""
    words = paragraph.words
    if words >= PROSE_MIN_WORDS_UNPUNCTUATED:
        return True
    return words >= PROSE_MIN_WORDS and bool(_SENTENCE_END.search(paragraph.text))


def is_headline_like(text: str) -> bool:
    """A short line that reads as a title: capitalised, no sentence punctuation at the end,
    not two sentences."""
    words = len(_WORD.findall(text))
    low, high = HEADLINE_WORDS
    if not low <= words <= high or len(text) > HEADLINE_MAX_CHARS:
        return False
    first = text.lstrip(_OPENING_QUOTES)[:1]
    if not (first.isupper() or first.isdigit()) or _WEB_ADDRESS.search(text):
        return False
    ending = _TRAILING_SYMBOLS.sub("", text)  # "... on KLOOK! 🙂" ends like a sentence
    return not _NO_HEADLINE_END.search(ending) and not _INNER_SENTENCE_BREAK.search(text)


def is_title_case_headline(text: str) -> bool:
    """A headline in title case that ends with one full stop, as archive copies print them
    ("Harbor Tax Plan Up for Review Amid Claims of Waste."): a sentence of prose is
    almost never written with every long word capitalised."""
    ending = _ONE_FULL_STOP.search(text)
    if ending is None:
        return False
    bare = text[: ending.start()] + ending.group(1)
    if not is_headline_like(bare):
        return False
    long_words = [w for w in _WORD.findall(bare) if len(w) > 3 and w.isalpha()]
    capitalised = sum(w[0].isupper() for w in long_words)
    return len(long_words) >= 3 and capitalised >= TITLE_CASE_SHARE * len(long_words)


def is_fragment(text: str) -> bool:
    """A very short line with no sentence punctuation: a tag, a kicker, a scrap of a page."""
    words = len(_WORD.findall(text))
    return 0 < words <= STRAY_MAX_WORDS and len(text) <= STRAY_MAX_CHARS and not _STRAY_PUNCTUATION.search(text)


def is_stray(fragment: str, following_is_headline: bool, following_is_prose: bool) -> bool:
    """A fragment above the headline (lowercase, a shouted kicker, or one or two words), or a
    lowercase fragment directly above the first paragraph."""
    if not is_fragment(fragment):
        return False
    lowercase = fragment[:1].islower()
    if following_is_prose:
        return lowercase
    if not following_is_headline:
        return False
    words = len(_WORD.findall(fragment))
    return lowercase or fragment.isupper() or words <= 2


def match_rule(paragraph: Paragraph, zone: Zone) -> tuple[LinePattern, re.Match[str]] | None:
    """The first rule of ``zone`` that matches the whole paragraph."""
    if paragraph.words > MAX_WORDS[zone]:
        return None
    text = paragraph.text
    for rule in patterns_for(zone):
        match = rule.regex.fullmatch(text)
        if match and (rule.reason != "byline" or names_someone(match.groupdict().get("author"))):
            return rule, match  # a byline must name someone: title-case headlines fit the patterns too
    return None


# ------------------------------------------------------------------ the detector
def detect_structure(text: str, *, find_headline: bool = True, known_title: str | None = None) -> Structure:
    """Excluded ranges and metadata for a plain-text article.

    find_headline: look for a stray line and a headline at the top (off for text
        extracted from HTML, whose title is known from the page).
    known_title: a title known from elsewhere; a first paragraph equal to it is the headline.
    """
    structure = Structure()
    paragraphs = split_paragraphs(text)
    prose = [is_prose(p) for p in paragraphs]
    if not any(prose):
        return structure  # nothing we can tell apart from the article: exclude nothing
    first_prose = prose.index(True)
    if find_headline and _title_case_headline_above_prose(paragraphs, prose, first_prose):
        # "Harbor Tax Plan Up for Review.": a headline, though it ends like a sentence
        first_prose = prose.index(True, first_prose + 1)
    marked: dict[int, str] = {}
    if looks_hard_wrapped(paragraphs):
        # one "paragraph" per line of wrapped prose: the first line of the article would
        # read as a headline, so the top of the text is left alone
        find_headline = False
        first_prose = 0
    _lead(text, paragraphs, first_prose, structure, marked, find_headline, known_title)
    found = _dateline(text, paragraphs[first_prose], structure)
    if not found and first_prose + 1 < len(paragraphs) and _may_be_a_title(paragraphs[first_prose]):
        # "AP-GfK Poll: Voters see Sanders as electable." above "WASHINGTON (AP) — ...": a title
        # in sentence case reads as prose, and the dateline opens the paragraph after it
        _dateline(text, paragraphs[first_prose + 1], structure)
    if not find_headline and known_title:
        _teasers_on_top(text, paragraphs, structure)
    _tail(text, paragraphs, structure, marked)
    _anywhere(text, paragraphs, structure, marked, subheads=not looks_hard_wrapped(paragraphs))
    if not _prose_left(paragraphs, prose, structure.excluded):
        return Structure()  # every sentence would go: the rules misread this text, trust none
    structure.excluded.sort(key=lambda e: e.start)
    return structure


def _title_case_headline_above_prose(paragraphs: list[Paragraph], prose: list[bool], first: int) -> bool:
    paragraph = paragraphs[first]
    return (
        len(paragraph.lines) == 1
        and first + 1 < len(paragraphs)
        and is_title_case_headline(paragraph.text)
        and any(prose[first + 1 :])
    )


def _prose_left(paragraphs: list[Paragraph], prose: list[bool], excluded: list[Excluded]) -> bool:
    return any(
        is_prose_paragraph and not any(e.start <= p.start and p.end <= e.end for e in excluded)
        for p, is_prose_paragraph in zip(paragraphs, prose, strict=True)
    )


def _lead(
    text: str,
    paragraphs: list[Paragraph],
    first_prose: int,
    structure: Structure,
    marked: dict[int, str],
    find_headline: bool,
    known_title: str | None,
) -> None:
    lead = range(min(first_prose, MAX_LEAD_PARAGRAPHS))
    units = [line for i in lead for line in _lead_units(paragraphs[i])]
    position = 0
    if find_headline:
        position = _stray_and_headline(text, units, first_prose, paragraphs, structure)
    elif known_title and units and _echoes_title(units[0].text, known_title):
        structure.exclude(text, units[0].start, units[0].end, "headline")
        position = 1
    for unit in units[position:]:
        found = match_rule(Paragraph((unit,)), "lead") or match_rule(Paragraph((unit,)), "any")
        if found:
            rule, match = found
            structure.exclude(text, unit.start, unit.end, rule.reason)
            structure.take(match)
    for i in lead:
        marked[i] = "lead"


def _teasers_on_top(text: str, paragraphs: list[Paragraph], structure: Structure) -> None:
    """The headlines of other articles a page lists above its body ("Jonas Brothers Added to
    2019 American Music Awards Performance Lineup", "Ciara to Host..."): two or more one-line
    title-case headlines before the first paragraph that ends like a sentence, on a page whose
    own title is known to be elsewhere."""
    run = []
    for paragraph in paragraphs:
        if _SENTENCE_END.search(paragraph.text):
            break
        if len(paragraph.lines) == 1 and is_headline_like(paragraph.text) and _mostly_capitalised(paragraph.text):
            run.append(paragraph)
    if len(run) < 2:
        return
    taken = {e.start for e in structure.excluded}
    for paragraph in run:
        if paragraph.start not in taken:
            structure.exclude(text, paragraph.start, paragraph.end, "link")


def _mostly_capitalised(text: str) -> bool:
    long_words = [w for w in _WORD.findall(text) if len(w) > 3 and w.isalpha()]
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) >= TEASER_CAPITALISED * len(long_words)


def _lead_units(paragraph: Paragraph) -> list[Line]:
    """The lines of a paragraph above the first prose paragraph, as separate units (a headline
    with its byline and date below it), unless the whole paragraph reads as one headline
    wrapped over several lines."""
    lines = list(paragraph.lines)
    if len(lines) == 1 or any(_matches_lead_rule(line.text) for line in lines[1:]):
        return lines
    if is_headline_like(paragraph.text):
        return [Line(paragraph.start, paragraph.end, paragraph.text)]
    return lines


def _matches_lead_rule(text: str) -> bool:
    single = Paragraph((Line(0, len(text), text),))
    return match_rule(single, "lead") is not None or match_rule(single, "any") is not None


def _stray_and_headline(
    text: str, units: list[Line], first_prose: int, paragraphs: list[Paragraph], structure: Structure
) -> int:
    """Exclude a stray line and the headline at the top; the number of units used."""
    position = 0
    if units:
        following = units[1].text if len(units) > 1 else None
        headline_next = following is not None and _is_headline(following)
        prose_next = len(units) == 1 and first_prose < len(paragraphs)
        if is_stray(units[0].text, headline_next, prose_next):
            structure.exclude(text, units[0].start, units[0].end, "stray line")
            position = 1
    if position < len(units) and _is_headline(units[position].text):
        headline = units[position]
        structure.exclude(text, headline.start, headline.end, "headline")
        structure.title = headline.text
        position += 1
    return position


def _is_headline(text: str) -> bool:
    if is_title_case_headline(text) and not _BYLINE_OPENER.match(text):
        # "Clinton Campaign Manager Laughs, Evades Reporter’s Question.": it fits "Jane Doe,
        # Reuters", but a byline does not end with a full stop after a run of capitalised words
        return True
    return is_headline_like(text) and not _matches_lead_rule(text)


def _dateline(text: str, paragraph: Paragraph, structure: Structure) -> bool:
    """Exclude the dateline opening ``paragraph`` ("WASHINGTON (AP) —"); whether there was one."""
    first_line = paragraph.lines[0]
    for rule in patterns_for("open"):
        match = rule.regex.match(first_line.text)
        if match and _CONTINUES_PROSE.match(first_line.text[match.end() :]):
            structure.exclude(text, first_line.start, first_line.start + len(match.group(0).rstrip()), rule.reason)
            structure.take(match)
            return True
    return False


def _may_be_a_title(paragraph: Paragraph) -> bool:
    return len(paragraph.lines) == 1 and paragraph.words <= HEADLINE_WORDS[1]


def _tail(text: str, paragraphs: list[Paragraph], structure: Structure, marked: dict[int, str]) -> None:
    """Footers: walking up from the end, over the paragraphs a tail or anywhere rule matches."""
    for i in range(len(paragraphs) - 1, -1, -1):
        if i in marked:
            return
        paragraph = paragraphs[i]
        found = match_rule(paragraph, "tail") or match_rule(paragraph, "any")
        if found is None:
            return
        rule, match = found
        structure.exclude(text, paragraph.start, paragraph.end, rule.reason)
        structure.take(match)
        marked[i] = rule.reason


def _anywhere(
    text: str, paragraphs: list[Paragraph], structure: Structure, marked: dict[int, str], *, subheads: bool = True
) -> None:
    for i, paragraph in enumerate(paragraphs):
        if i in marked:
            continue
        found = match_rule(paragraph, "any")
        if found:
            rule, match = found
            structure.exclude(text, paragraph.start, paragraph.end, rule.reason)
            structure.take(match)
        elif subheads and is_subhead(paragraph):
            structure.exclude(text, paragraph.start, paragraph.end, "subhead")


def is_subhead(paragraph: Paragraph) -> bool:
    """A title inside the article: a subhead, a list or table item, a related-story title ("WHAT
    SAY YOU, IMPEACHMENT JURY?", "Jonas Brothers Added to Awards Lineup"). One line that reads as
    a title (or a shouted line of a dozen words at most) and is no sentence; a quotation standing
    alone is not one (“Nobody is above the law”)."""
    if len(paragraph.lines) != 1 or is_prose(paragraph):
        return False
    text = paragraph.text
    if text[:1] in _OPENING_QUOTES or _INTERVIEW_TURN.match(text):
        return False  # a quotation standing alone, or an answer in an interview ("A: Lebron James")
    last = _WORD.findall(text.lower())[-1:] or [""]
    if last[0] in _TITLE_CANNOT_END:
        return False  # "... who in 2008, won the": a line of wrapped prose, not a title
    shouted = text.isupper() and 2 <= paragraph.words <= SUBHEAD_MAX_SHOUTED_WORDS
    return shouted or is_headline_like(text)


def _echoes_title(line: str, title: str) -> bool:
    """A first line that is the page's title as its body prints it: the same words, or nearly
    ("Julian Assange: Sweden drops rape investigation" under the title "Sweden drops Assange
    rape investigation"), at least seven in ten of each one's words in the other."""
    a, b = _WORD.findall(line.lower()), _WORD.findall(title.lower())
    if a == b:
        return True
    shared = len(set(a) & set(b))
    return len(set(b)) >= 3 and shared >= TITLE_ECHO_SHARE * len(set(a)) and shared >= TITLE_ECHO_SHARE * len(set(b))


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    return " ".join(value.split()).strip(" ,.;:|-—–") or None
