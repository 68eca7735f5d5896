"""Names: a source's name spelled one way throughout the article."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from accordingto.check.registry import CheckContext, Flag, check
from accordingto.models import Source, Span

#: surnames shorter than this are left alone: "Kim"/"Kin", "Moore"/"More" are too often two words
MIN_SURNAME = 5
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z]+(?:[-’'][A-Z][A-Za-z]+)*\b")
#: the last word of two or more capitalised words: a surname after a first name (or a title)
_FULL_NAME = re.compile(rf"\b[A-Z][a-z]+(?: [A-Z][a-z]+)* ([A-Z][a-z]{{{MIN_SURNAME - 1},}})\b")
_FOLLOWED_BY_NAME = re.compile(r"[ -][A-Z][a-z]")
_SENTENCE_START = re.compile(r"(?:^|[.!?…:]['\"”’]?\s+|\n\s*|[“\"‘(]\s*)$")


def fold(name: str) -> str:
    """A name without case, accents, hyphens, spaces and dots: "Sui-Lee Wee" = "Sui Lee Wee"."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if c.isalnum()).lower()


def one_edit_apart(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with one letter added, dropped, changed, or two swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]


@dataclass
class Spelling:
    text: str
    spans: list[Span] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)


def _named(ctx: CheckContext) -> list[Source]:
    return [s for s in ctx.analysis.sources if s.named and s.kind in ("person", "organization") and s.name]


def _whole_name_variants(ctx: CheckContext) -> Iterator[tuple[Spelling, Spelling]]:
    """Spellings of one name that differ only in case, accents, hyphens or spaces."""
    by_fold: dict[str, dict[str, Spelling]] = {}
    for source in _named(ctx):
        for mention in source.mentions:
            words = mention.text.split()
            if len(words) < 2 or not all(w[:1].isupper() for w in words) or mention.text == mention.text.upper():
                continue
            spelling = by_fold.setdefault(fold(mention.text), {}).setdefault(mention.text, Spelling(mention.text))
            spelling.spans.append(mention)
            spelling.sources.add(source.id)
    for spellings in by_fold.values():
        if len(spellings) > 1:
            for spelling in spellings.values():
                spelling.spans = _occurrences(ctx.text, spelling.text) or spelling.spans
            ranked = sorted(spellings.values(), key=lambda s: (len(s.spans), -s.spans[0].start))
            yield ranked[0], ranked[-1]


def _occurrences(text: str, name: str) -> list[Span]:
    """Every place the text writes ``name`` exactly, as a whole word sequence."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
    return [Span(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


def _lowercase_words(text: str) -> set[str]:
    return {w for w in re.findall(r"\b[a-z][a-z]+\b", text)}


def _surname_variants(ctx: CheckContext) -> Iterator[tuple[Spelling, Spelling]]:
    """A capitalised word one letter away from a named person's surname ("Witfield" in an
    article about Dana Whitfield), not at a sentence's start and never written in lower case."""
    people = [s for s in _named(ctx) if s.kind == "person"]
    # a one-word "person" is too often a place or a nation the analysis took for one: its
    # word counts as a surname only when the text also writes it after a first name
    full_names = {m.group(1) for m in _FULL_NAME.finditer(ctx.text)}
    surnames = {
        s.name.split()[-1]: s
        for s in people
        if len(s.name.split()[-1]) >= MIN_SURNAME and (len(s.name.split()) > 1 or s.name in full_names)
    }
    surnames.update(
        {
            name: person
            for person in people
            if len(person.name.split()) == 1
            for name in full_names
            if one_edit_apart(name, person.name) and not _inflected(name, person.name)
        }
    )
    if not surnames:
        return
    lower = _lowercase_words(ctx.text)
    # a word at a sentence's start is capitalised anyway, unless the analysis took it for a name
    mentioned = {w for s in _named(ctx) for m in s.mentions for w in m.text.split()}
    words: dict[str, Spelling] = {}
    for match in _CAPITALISED.finditer(ctx.text):
        word = match.group()
        at_start = _SENTENCE_START.search(ctx.text[max(0, match.start() - 4) : match.start()])
        if at_start and word not in surnames and word not in mentioned:
            continue
        if _FOLLOWED_BY_NAME.match(ctx.text, match.end()) and word not in surnames:
            continue  # part of another proper name: "Peace Corps" is no misspelt "Pence"
        words.setdefault(word, Spelling(word)).spans.append(Span(match.start(), match.end(), word))
    for surname, person in surnames.items():
        known = words.get(surname)
        if known is None:
            continue
        for word, spelling in words.items():
            if word == surname or word.lower() in lower or len(word) < MIN_SURNAME:
                continue
            if _inflected(word, surname) or _inflected(surname, word):
                continue
            if word in surnames and _different_people(person, surnames[word]):
                continue
            if one_edit_apart(word, surname):
                known.sources.add(person.id)
                ranked = sorted((spelling, known), key=lambda s: (len(s.spans), -s.spans[0].start))
                yield ranked[0], ranked[-1]


#: endings that make another word of a name: plurals and demonyms ("Obamas", "Israeli")
_ENDINGS = ("s", "es", "i", "n", "an", "ian", "ese", "ite")


def _inflected(word: str, base: str) -> bool:
    return any(word == base + ending for ending in _ENDINGS)


def _different_people(a: Source, b: Source) -> bool:
    """Two named people whose first names differ are two people, however close their surnames."""
    first_a, first_b = a.name.split()[:-1], b.name.split()[:-1]
    return bool(first_a and first_b and first_a != first_b)


@check(
    "NM701",
    "name-two-spellings",
    severity="error",
    title="A source's name spelled two ways",
    why="""A name spelled two ways is a factual error in one of them, and readers (and search
    engines) may take the two for different people.""",
    fix="Check the spelling with the source or a reliable reference and use it throughout.",
    standard="AP Stylebook, 'names': spell every name as its bearer does, and the same way throughout",
    example="Mayor Dana Whitfield spoke first. Witfield added that more cuts could follow.",
    fixed_example="Mayor Dana Whitfield spoke first. Whitfield added that more cuts could follow.",
)
def name_two_spellings(ctx: CheckContext) -> Iterator[Flag]:
    seen: set[tuple[str, str]] = set()
    for rare, usual in [*_whole_name_variants(ctx), *_surname_variants(ctx)]:
        key = tuple(sorted((rare.text, usual.text)))
        if key in seen:
            continue
        seen.add((key[0], key[1]))
        yield Flag(
            f'name spelled two ways: "{rare.text}" ({_times(rare)}) and "{usual.text}" ({_times(usual)})',
            [rare.spans[0], usual.spans[0]],
            sources=sorted(rare.sources | usual.sources),
        )


def _times(spelling: Spelling) -> str:
    count = len(spelling.spans)
    return "once" if count == 1 else f"{count} times"
