"""The lexicons in ``resources/``, loaded once per process.

Each file is documented in ``resources/README.md``; this module only parses them into
lookup tables. Lines starting with ``#`` and blank lines are comments.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from re._constants import BRANCH as _BRANCH
from re._constants import LITERAL as _LITERAL
from re._constants import MAX_REPEAT as _MAX_REPEAT
from re._constants import MIN_REPEAT as _MIN_REPEAT
from re._constants import SUBPATTERN as _SUBPATTERN
from re._parser import parse as _parse
from typing import Any

from accordingto.errors import LexiconError
from accordingto.models import ROLE_CLASSES


@dataclass(frozen=True, slots=True)
class CueEntry:
    lemma: str
    cls: str
    stance: str
    frames: frozenset[str] = frozenset()
    preps: tuple[str, ...] = ("about", "on", "of")


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    aliases: tuple[str, ...]


def _rows(filename: str) -> list[list[str]]:
    """The rows of a resource file, cells stripped; ``#`` lines and blank lines skipped."""
    return [[cell.strip() for cell in row] for row in _rows_raw(filename)]


def _rows_raw(filename: str) -> list[list[str]]:
    """The rows of a resource file as written (cells may be spaces or marks)."""
    return resource_rows("accordingto.analyze.resources", filename)


def resource_rows(package: str, filename: str) -> list[list[str]]:
    """The tab-separated rows of a lexicon file of ``package``; ``#`` lines and blank lines
    skipped. Every lexicon of the project (the analysis's, the check's) is read this way."""
    text = resources.files(package).joinpath(filename).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


@cache
def cue_verbs() -> dict[str, CueEntry]:
    entries = {}
    for r in _rows("cue_verbs.tsv"):
        preps = tuple(p.strip() for p in r[4].split(",")) if len(r) > 4 and r[4] else ("about", "on", "of")
        entries[r[0]] = CueEntry(r[0], r[1], r[2], frozenset(r[3]), preps)
    return entries


@cache
def lemma_fixes() -> dict[str, str]:
    return {r[0]: r[1] for r in _rows("lemma_fixes.tsv")}


@cache
def irregular_forms() -> dict[str, str]:
    return {r[0]: r[1] for r in _rows("irregular_forms.tsv")}


@cache
def cue_nouns() -> dict[str, CueEntry]:
    entries = {}
    for r in _rows("cue_nouns.tsv"):
        preps = tuple(p.strip() for p in r[3].split(",")) if len(r) > 3 and r[3] else ()
        entries[r[0]] = CueEntry(r[0], r[1], r[2], frozenset(), preps)
    return entries


@cache
def source_nouns() -> dict[str, str]:
    return {r[0]: r[1] for r in _rows("source_nouns.tsv")}


TITLE_CLASSES = frozenset({"courtesy", "honorific", "role", "office", "descriptor", "function"})


@dataclass(frozen=True, slots=True)
class Title:
    title: str
    cls: str
    forms: tuple[str, ...]


@cache
def titles() -> tuple[Title, ...]:
    """``titles.tsv``: titles, roles and the words before a name that are not part of it."""
    found = []
    for row in _rows("titles.tsv"):
        if len(row) < 2 or row[1] not in TITLE_CLASSES or not row[0]:
            raise LexiconError(f"titles.tsv: {row!r} is not a title and one of {sorted(TITLE_CLASSES)}")
        forms = tuple(f.strip().lower() for f in (row[2] if len(row) > 2 else "").split(",") if f.strip())
        found.append(Title(row[0].lower(), row[1], forms))
    return tuple(found)


@cache
def roles() -> tuple[str, ...]:
    """Role phrases (titles of class role), longest first, lowercase."""
    return tuple(sorted({t.title for t in titles() if t.cls == "role"}, key=lambda s: (-len(s.split()), s)))


@cache
def role_words() -> frozenset[str]:
    return frozenset(w for phrase in roles() for w in phrase.split())


@cache
def descriptor_words() -> frozenset[str]:
    """Words of what a person is ("coach", "billionaire", "actor"), which come before a name."""
    return frozenset(w for t in titles() if t.cls == "descriptor" for w in t.title.split())


@cache
def name_titles() -> frozenset[str]:
    """What is stripped from the front of a name: courtesy titles as written ("Mr.", "Dr") and
    abbreviated offices ("Sen.", "Gen.")."""
    found: set[str] = set()
    for t in titles():
        if t.cls == "courtesy":
            found.update(t.forms)
        found.update(f for f in t.forms if f.endswith("."))
    return frozenset(found)


@cache
def title_words() -> frozenset[str]:
    """Every word a title is made of, and the forms without their full stop: what is dropped from
    the front of a name when names are compared across articles."""
    found: set[str] = set()
    for t in titles():
        found.update(t.title.split())
        found.update(f.rstrip(".") for f in t.forms)
    return frozenset(found)


@cache
def outlets() -> tuple[Outlet, ...]:
    found = []
    for row in _rows("outlets.tsv"):
        aliases = tuple(a for a in row[1].split("|") if a) if len(row) > 1 else ()
        found.append(Outlet(row[0], aliases))
    return tuple(found)


@cache
def outlet_names() -> dict[str, str]:
    """Any printed name or alias (lowercased, leading "the" dropped) -> canonical name."""
    table: dict[str, str] = {}
    for outlet in outlets():
        for alias in (outlet.name, *outlet.aliases):
            table[_outlet_key(alias)] = outlet.name
    return table


def _outlet_key(name: str) -> str:
    key = " ".join(name.lower().split())
    return key[4:] if key.startswith("the ") else key


def outlet_for(name: str) -> str | None:
    """The canonical outlet a printed name refers to, or None."""
    return outlet_names().get(_outlet_key(name))


@cache
def patterns(filename: str) -> tuple[re.Pattern[str], ...]:
    """A one-regular-expression-a-line file, compiled case-insensitively."""
    return tuple(re.compile(r[0], re.IGNORECASE) for r in _rows(filename))


#: what would make the lines of a pattern file mean something else once joined by "|"
#: (a backreference counts groups from the start of the whole expression)
_NOT_JOINABLE = re.compile(r"\\[1-9]|\(\?P=")


@cache
def any_pattern(filename: str) -> re.Pattern[str] | None:
    """The lines of a pattern file as one alternation: it finds a match exactly where one of
    the lines does. Scanning a long text once with it costs a fraction of scanning it once per
    line, and most texts match no line at all. None when the lines cannot be joined."""
    sources = [p.pattern for p in patterns(filename)]
    if not sources or any(_NOT_JOINABLE.search(s) for s in sources):
        return None
    try:
        return re.compile("|".join(f"(?:{s})" for s in sources), re.IGNORECASE)
    except re.error:  # an inline flag that is only allowed at the start of an expression
        return None


#: the characters beyond ASCII that a case-insensitive expression matches to an ASCII letter
#: although their ``lower()`` is another ("İ", "ı", "ſ", the Kelvin sign): in a text holding one,
#: a word of a pattern line is not found by looking for it in the lower-cased text
_CASE_TWINS = re.compile("[\u0130\u0131\u017f\u212a]")


def _required_words(items: Any) -> list[frozenset[str]]:
    """What every match of a parsed expression holds: for each set, one of its words as the
    expression spells them (a run of plain characters, or one word of each alternative)."""
    required: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _LITERAL:
            run.append(chr(av))
            continue
        if run:  # a run of plain characters ends at anything else
            required.append(frozenset({"".join(run)}))
            run = []
        if op is _SUBPATTERN and not av[1] and not av[2]:  # a group that sets no flags of its own
            required += _required_words(av[3])
        elif op is _BRANCH:
            alternatives = [_required_words(a) for a in av[1]]
            if all(alternatives):  # of each alternative, its longest required words
                required.append(frozenset().union(*(max(a, key=lambda s: min(map(len, s))) for a in alternatives)))
        elif op in (_MAX_REPEAT, _MIN_REPEAT) and av[0] >= 1:
            required += _required_words(av[2])
    if run:
        required.append(frozenset({"".join(run)}))
    return required


@cache
def required_words(filename: str) -> tuple[tuple[frozenset[str], ...], ...] | None:
    """For each line of a pattern file, the sets of lower-case words a match of it holds one of
    each of; None when a word has a letter beyond ASCII (whose cases the expression may match
    otherwise than ``lower()`` says), or an inline flag changes what a letter
    matches (then the lower-cased text could spell a match otherwise)."""
    lines = []
    for line in patterns(filename):
        parsed = _parse(line.pattern, line.flags)
        if parsed.state.flags != line.flags:
            return None
        sets = tuple(frozenset(w.lower() for w in s) for s in _required_words(parsed))
        if not all(ch.isascii() or ch.lower() == ch.upper() for s in sets for w in s for ch in w):
            return None
        lines.append(sets)
    return tuple(lines)


def _no_line_can_match(filename: str, text: str, pos: int, end: int) -> bool:
    """Whether ``text[pos:end]`` lacks, for every line of a pattern file, one of the words a match
    of the line holds: looking for words in the lower-cased text costs a small part of running the
    expressions, each of which the engine tries at every character (they start with ``\\b``)."""
    required = required_words(filename)
    if required is None or _CASE_TWINS.search(text, pos, end):
        return False
    lowered = text[pos:end].lower()
    return not any(all(any(w in lowered for w in words) for words in line) for line in required)


def matches_any(filename: str, text: str, pos: int = 0, endpos: int | None = None) -> bool:
    """Whether some line of a pattern file matches somewhere in ``text[pos:endpos]`` (as
    ``pattern.search(text, pos, endpos)`` of each line would say)."""
    end = len(text) if endpos is None else endpos
    joined = any_pattern(filename)
    if joined is None:
        return any(p.search(text, pos, end) for p in patterns(filename))
    return joined.search(text, pos, end) is not None


def all_matches(filename: str, text: str) -> list[tuple[int, int]]:
    """The matches of every line of a pattern file in ``text``, line by line in file order and
    in text order within a line; the lines are only run one by one when one of them matches, and
    not at all when the text lacks a word each of them needs (most articles lack all of them; a
    short window is scanned faster than its words are looked for)."""
    if _no_line_can_match(filename, text, 0, len(text)) or not matches_any(filename, text):
        return []
    return [(m.start(), m.end()) for pattern in patterns(filename) for m in pattern.finditer(text)]


@cache
def outlet_words() -> frozenset[str]:
    return frozenset(r[0].lower() for r in _rows("outlet_words.txt"))


@cache
def phrases(filename: str) -> tuple[str, ...]:
    """A one-phrase-a-line file, lowercased, longest first."""
    return tuple(sorted({r[0].lower() for r in _rows(filename)}, key=lambda s: (-len(s), s)))


@cache
@cache
def word_set(name: str) -> frozenset[str]:
    """A closed word list from ``word_sets.tsv`` ("outlet_nouns", "vague_quantifiers"...)."""
    return frozenset(word_list(name))


@cache
def same_people_nouns() -> dict[str, frozenset[str]]:
    """word -> the words of the same people as it ("doctor" -> {"doctor", "physician"}), from the
    ``same_people_nouns`` word set."""
    return _synonym_groups("same_people_nouns")


@cache
def same_titles() -> dict[str, frozenset[str]]:
    """title -> the titles of the same office ("chair" -> {"chair", "chairman", "chairwoman",
    "chairperson"}), from the ``same_titles`` word set."""
    return _synonym_groups("same_titles")


def _synonym_groups(name: str) -> dict[str, frozenset[str]]:
    """word -> its group, of a word set whose groups join their words with "="."""
    found: dict[str, frozenset[str]] = {}
    for group in word_list(name):
        words = frozenset(w.strip() for w in group.split("=") if w.strip())
        for word in words:
            found[word] = words
    return found


@cache
def member_bodies() -> dict[str, frozenset[str]]:
    """members' noun -> the words that name their body ("prosecutor" -> {"prosecution",
    "prosecutor", "attorney"}), from the ``member_bodies`` word set."""
    found: dict[str, frozenset[str]] = {}
    for group in word_list("member_bodies"):
        members, _, bodies = group.partition("=")
        found[members.strip()] = frozenset(w.strip() for w in bodies.split("+") if w.strip())
    return found


@cache
def word_list(name: str) -> tuple[str, ...]:
    """A word list of ``word_sets.tsv`` in its file order (where order matters, as for approximators)."""
    for row in _rows("word_sets.tsv"):
        if row[0] == name:
            return tuple(w.strip() for w in row[1].split("|") if w.strip())
    raise KeyError(f"no word set {name!r} in word_sets.tsv")


@cache
def title_abbreviations() -> dict[str, frozenset[str]]:
    """title -> how it is abbreviated before a name ("senator" -> {"sen.", "sen"})."""
    return {t.title: frozenset(t.forms) for t in titles() if t.forms}


def _pairs(name: str) -> tuple[tuple[str, str], ...]:
    """A word set of ``key=value`` items, in file order."""
    found = []
    for item in word_list(name):
        key, sep, value = item.partition("=")
        if not sep:
            raise LexiconError(f"word_sets.tsv: {name} item {item!r} is not key=value")
        found.append((key, value))
    return tuple(found)


@cache
def particle_verbs() -> dict[str, str]:
    """Cue verbs that report only with a particle ("point" -> "out")."""
    return dict(_pairs("particle_verbs"))


@cache
def verb_suffixes() -> tuple[tuple[str, str], ...]:
    """(suffix, replacement) to undo on a finite verb form, tried in order."""
    return _pairs("verb_suffixes")


@cache
def confidences() -> dict[str, float]:
    """``confidence.tsv``: rule ids, cue classes and penalties -> confidence."""
    table = {}
    for row in _rows("confidence.tsv"):
        try:
            table[row[0]] = float(row[1])
        except (IndexError, ValueError):
            raise LexiconError(f"confidence.tsv: {row!r} is not a key and a number") from None
    return table


@cache
def calibration() -> dict[str, tuple[tuple[float, float], ...]]:
    """``calibration.tsv``: attribution type ("all" for any) -> (raw confidence, share right)
    points, raw ascending and share not falling."""
    table: dict[str, list[tuple[float, float]]] = {}
    for row in _rows("calibration.tsv"):
        try:
            table.setdefault(row[0], []).append((float(row[1]), float(row[2])))
        except (IndexError, ValueError):
            raise LexiconError(f"calibration.tsv: {row!r} is not a type and two numbers") from None
    for kind, points in table.items():
        if any(b[0] <= a[0] or b[1] < a[1] for a, b in itertools.pairwise(points)):
            raise LexiconError(f"calibration.tsv: {kind}: raw confidences must ascend, calibrated ones not fall")
    return {kind: tuple(points) for kind, points in table.items()}


NUMBER_CLASSES = frozenset({"cardinal", "phrase", "article"})


@cache
def _number_rows() -> tuple[tuple[str, int, str], ...]:
    found = []
    for row in _rows("numbers.tsv"):
        if len(row) != 3 or row[2] not in NUMBER_CLASSES or not row[1].isdigit():
            raise LexiconError(f"numbers.tsv: {row!r} is not a word, a number and one of {sorted(NUMBER_CLASSES)}")
        found.append((row[0], int(row[1]), row[2]))
    return tuple(found)


@cache
def count_words() -> dict[str, int]:
    """Words and phrases that count sources ("four", "both", "a dozen")."""
    return {w: v for w, v, c in _number_rows() if c in ("cardinal", "phrase")}


@cache
def figure_words() -> dict[str, int]:
    """Number words inside figures ("four", "twenty", "a" in "a million")."""
    return {w: v for w, v, c in _number_rows() if c in ("cardinal", "article")}


@dataclass(frozen=True, slots=True)
class QuoteMark:
    mark: str
    double: bool
    direction: str
    partners: str


QUOTE_WEIGHTS = frozenset({"double", "single"})
QUOTE_DIRECTIONS = frozenset({"open", "close", "either"})


@cache
def quote_marks() -> dict[str, QuoteMark]:
    """``quote_marks.tsv``: every quotation mark the analysis knows, by character."""
    table: dict[str, QuoteMark] = {}
    for row in _rows_raw("quote_marks.tsv"):
        if len(row) != 4 or len(row[0]) != 1 or row[1] not in QUOTE_WEIGHTS or row[2] not in QUOTE_DIRECTIONS:
            raise LexiconError(f"quote_marks.tsv: {row!r} is not a mark, double|single, open|close|either, partners")
        table[row[0]] = QuoteMark(row[0], row[1] == "double", row[2], row[3])
    return table


def marks_of(*, double: bool | None = None, direction: str | None = None) -> frozenset[str]:
    """Quotation marks by weight and glyph direction ("either" for straight marks)."""
    return frozenset(
        q.mark
        for q in quote_marks().values()
        if (double is None or q.double == double) and (direction is None or q.direction == direction)
    )


@cache
def apostrophe_folding() -> dict[int, str]:
    """str.translate table folding every apostrophe glyph to '."""
    return str.maketrans({a: "'" for a in word_list("apostrophes")})


# ----------------------------------------------------------------------------- validation
CUE_CLASSES = frozenset(
    {"speech", "report", "belief", "intention", "evidence", "endorsement", "decree", "manner", "perception"}
)
STANCES = frozenset({"neutral", "assertive", "tentative", "distancing"})
FRAMES = frozenset("cxoqpna")
SOURCE_NOUN_KINDS = frozenset({"person", "group", "organization", "outlet", "document"})


def table_problems(filename: str, rows: list[list[str]]) -> list[str]:
    """What is wrong with the rows of one lexicon file (empty when nothing is)."""
    check = _CHECKS.get(filename)
    if check is None:
        return []
    problems = []
    for n, row in enumerate(rows, start=1):
        problem = check(row)
        if problem:
            problems.append(f"{filename} row {n} {row!r}: {problem}")
    return problems


def _check_cue_verb(row: list[str]) -> str | None:
    if len(row) < 4:
        return "needs lemma, class, stance, frames"
    if row[1] not in CUE_CLASSES:
        return f"class {row[1]!r} is not one of {sorted(CUE_CLASSES)}"
    if row[2] not in STANCES:
        return f"stance {row[2]!r} is not one of {sorted(STANCES)}"
    if not set(row[3]) <= FRAMES:
        return f"frames {row[3]!r} may only use the letters {''.join(sorted(FRAMES))}"
    return None


def _check_cue_noun(row: list[str]) -> str | None:
    if len(row) < 3 or row[1] not in CUE_CLASSES or row[2] not in STANCES:
        return "needs lemma, a known class and a known stance"
    return None


def _check_source_noun(row: list[str]) -> str | None:
    if len(row) != 2 or row[1] not in SOURCE_NOUN_KINDS:
        return f"needs a lemma and one of {sorted(SOURCE_NOUN_KINDS)}"
    return None


def _check_pair(row: list[str]) -> str | None:
    return None if len(row) == 2 and row[0] and row[1] else "needs two columns"


def _check_word_set(row: list[str]) -> str | None:
    return None if len(row) == 2 and row[0] and row[1].strip("|") else "needs a name and words separated by |"


def _check_role_class(row: list[str]) -> str | None:
    if len(row) != 2 or not row[0] or len(row[0].split()) > 2 or row[1] not in ROLE_CLASSES:
        return f"needs a word or two-word phrase and one of {sorted(ROLE_CLASSES)}"
    return None


def _check_one(row: list[str]) -> str | None:
    return None if len(row) == 1 and row[0] else "needs exactly one column"


_CHECKS = {
    "cue_verbs.tsv": _check_cue_verb,
    "cue_nouns.tsv": _check_cue_noun,
    "cue_adjectives.tsv": _check_cue_noun,
    "source_nouns.tsv": _check_source_noun,
    "lemma_fixes.tsv": _check_pair,
    "irregular_forms.tsv": _check_pair,
    "word_sets.tsv": _check_word_set,
    "outlet_words.txt": _check_one,
    "hedges.txt": _check_one,
    "role_classes.tsv": _check_role_class,
}


@cache
def check_lexicon() -> None:
    """Load and check every lexicon file once; LexiconError names every malformed row.

    Tables with their own loaders (quote marks, titles, numbers, confidences) raise on a bad
    row as they load; confidence keys must name a registered rule, a cue class or a penalty."""
    problems: list[str] = []
    for filename in _CHECKS:
        problems += table_problems(filename, _rows(filename))
    quote_marks(), titles(), count_words(), outlets(), gendered_words(), scales(), fractions(), currencies()
    calibration()
    for filename in ("anonymity.txt", "caveats.txt", "idioms.txt", "stated_pronouns.txt"):
        try:
            patterns(filename)
        except re.error as exc:
            problems.append(f"{filename}: a pattern does not compile ({exc})")
    problems += _confidence_problems()
    for filename in ("cue_verbs.tsv", "cue_nouns.tsv", "source_nouns.tsv", "word_sets.tsv", "role_classes.tsv"):
        problems += _duplicates(filename)
    if problems:
        raise LexiconError("; ".join(problems))


def _confidence_problems() -> list[str]:
    from accordingto.analyze.ruleset import all_rules

    known = set(all_rules()) | {f"class:{c}" for c in CUE_CLASSES | {"according_to", "default"}}
    return [
        f"confidence.tsv: {key!r} is not a rule id, a cue class or a penalty"
        for key in confidences()
        if key not in known and not key.startswith("penalty:")
    ]


def _duplicates(filename: str) -> list[str]:
    seen: set[str] = set()
    found = []
    for row in _rows(filename):
        if row[0] in seen:
            found.append(f"{filename}: {row[0]!r} is listed twice")
        seen.add(row[0])
    return found


@cache
def gendered_words() -> dict[str, str]:
    """``gendered_words.tsv``: word -> "female" | "male"."""
    table = {}
    for row in _rows("gendered_words.tsv"):
        if len(row) != 2 or row[1] not in ("female", "male"):
            raise LexiconError(f"gendered_words.tsv: {row!r} is not a word and female or male")
        table[row[0].lower()] = row[1]
    return table


@cache
def first_names() -> dict[str, tuple[float, int]]:
    """``first_names.tsv``: lower-cased first name -> (share of US births registered female,
    births counted). Gender is read from it only with --gender-from-names; whether an
    unlabelled name is a person's always."""
    table = {}
    for row in _rows("first_names.tsv"):
        try:
            table[row[0]] = (float(row[1]), int(row[2]))
        except (IndexError, ValueError):
            raise LexiconError(f"first_names.tsv: {row!r} is not a name, a share and a count") from None
    return table


@cache
def role_classes() -> dict[str, str]:
    """``role_classes.tsv``: role or title word (or two-word phrase) -> role class."""
    table = {}
    for row in _rows("role_classes.tsv"):
        problem = _check_role_class(row)
        if problem:
            raise LexiconError(f"role_classes.tsv: {row!r} {problem}")
        table[row[0].lower()] = row[1]
    return table


@cache
def cue_adjectives() -> dict[str, CueEntry]:
    """``cue_adjectives.tsv``: adjectives of attitude ("critical of", "worried about", "eager to")."""
    entries = {}
    for r in _rows("cue_adjectives.tsv"):
        preps = tuple(p.strip() for p in r[3].split(",")) if len(r) > 3 and r[3] else ()
        entries[r[0]] = CueEntry(r[0], r[1], r[2], frozenset(), preps)
    return entries


def _number_table(filename: str) -> dict[str, float]:
    table = {}
    for row in _rows(filename):
        try:
            table[row[0]] = float(row[1])
        except (IndexError, ValueError):
            raise LexiconError(f"{filename}: {row!r} is not a word and a number") from None
    return table


@cache
def scales() -> dict[str, float]:
    """``scales.tsv``: words that multiply a number ("million", "lakh", "dozen")."""
    return _number_table("scales.tsv")


@cache
def fractions() -> dict[str, float]:
    """``fractions.tsv``: fractions as words ("half", "a third")."""
    return _number_table("fractions.tsv")


@cache
def currencies() -> dict[str, str]:
    """``currencies.tsv``: sign or word -> ISO code ("£" -> "GBP", "Rs" -> "INR")."""
    return {r[0]: r[1] for r in _rows("currencies.tsv")}
