"""Who gets quoted: the people score on a hand-checked sample of persons (``gold/people``).

A people file lists persons quoted in the articles of a PolNeAR-style gold folder, each by one
of their gold source mentions and with hand labels: the person's gender
(``gender_true``), whether the article's own words state it (``text_states``, with the spans
that state it), and the role class. Only offsets and labels are kept (the name too is a span,
read from the article when the score is printed). The mention is either its offsets
(``mention``) or, so that no offsets of another corpus's annotations are copied, the rank of the
source span among the gold folder's own source annotations of that article (``source``: 0 for
the first in text order), read from the gold folder when the score runs. Each person's article is named by nothing but
the SHA-256 of its text (no PolNeAR file names are kept): the article of the gold folder with
that text, so an article whose text changed or is missing is reported and left out instead of
silently misaligned.

Each gold person is matched to the predicted source entity one of whose mentions overlaps the
gold mention (a mention its attributions link it to first, then any mention of the entity;
the most overlap wins). On matched people the score reports:

- gender as the text states it: of the people whose gender the text states, the share given a
  gender (coverage) and the share of those given the right one (precision), and how many of all
  matched people are ``unknown``;
- the same with the first-name table on (``--gender-from-names``), over the people whose gender
  is known (stated by the text or, for public figures, from knowledge);
- role class: the share of matched people with the gold role class.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from accordingto.errors import GoldError
from accordingto.evaluate.brat import GoldArticle
from accordingto.models import Analysis, Source

CharRange = tuple[int, int]
KNOWN_GENDERS = ("female", "male", "nonbinary")
GENDERS = (*KNOWN_GENDERS, "unknown")


@dataclass(frozen=True, slots=True)
class GoldPerson:
    """One hand-checked person of a people file."""

    id: str
    #: the SHA-256 of the text of the person's article, which names the article
    text_sha256: str
    split: str
    #: the offsets of the gold mention (None while it is named by ``source`` alone)
    mention: CharRange | None
    #: where the article writes the person's fullest name (None for an unnamed person)
    name_span: CharRange | None
    gender_true: str
    text_states: bool
    role_class: str
    #: where the article states the gender (a pronoun, an honorific, a gendered noun)
    evidence_spans: tuple[CharRange, ...] = ()
    #: the rank of the mention among the gold folder's source spans of the article, in text order
    source: int | None = None

    @property
    def gender_known(self) -> bool:
        return self.gender_true in KNOWN_GENDERS

    def name_in(self, text: str) -> str | None:
        """The person's name, read from the article's text (the file keeps only where it is)."""
        return text[self.name_span[0] : self.name_span[1]] if self.name_span else None


def _span(raw: Any) -> CharRange:
    start, end = raw
    return int(start), int(end)


def _person(raw: dict[str, Any]) -> GoldPerson:
    try:
        person = GoldPerson(
            id=str(raw["id"]),
            text_sha256=str(raw["text_sha256"]),
            split=str(raw["split"]),
            mention=_span(raw["mention"]) if "mention" in raw else None,
            name_span=_span(raw["name_span"]) if raw.get("name_span") else None,
            gender_true=str(raw["gender_true"]),
            text_states=bool(raw["text_states"]),
            role_class=str(raw["role_class"]),
            evidence_spans=tuple(_span(e) for e in raw.get("evidence_spans", ())),
            source=int(raw["source"]) if "source" in raw else None,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise GoldError(f"people item {raw.get('id', '?')} is malformed: {exc}") from None
    if (person.mention is None) == (person.source is None):
        raise GoldError(f"people item {person.id}: give its mention as 'mention' offsets or a 'source' rank, not both")
    if person.gender_true not in GENDERS:
        raise GoldError(f"people item {person.id}: gender_true {person.gender_true!r} is not one of {GENDERS}")
    if person.text_states and not person.gender_known:
        raise GoldError(f"people item {person.id}: the text cannot state an unknown gender")
    return person


def read_people(path: Path | str, *, split: str | None = None) -> list[GoldPerson]:
    """The persons of a people file (``.json`` with ``items``, or ``.jsonl``), of one split if given."""
    file = Path(path)
    if not file.is_file():
        raise GoldError(f"{file} is not a people file")
    text = file.read_text(encoding="utf-8")
    if file.suffix == ".jsonl":
        raws = [json.loads(line) for line in text.splitlines() if line.strip()]
    else:
        raws = json.loads(text)["items"]
    people = [_person(raw) for raw in raws]
    return [p for p in people if split is None or p.split == split]


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def source_spans(article: GoldArticle) -> list[CharRange]:
    """The distinct source spans of a gold article's attributions, in text order."""
    return sorted({span for attr in article.attributions for span in attr.source})


def with_mention(person: GoldPerson, article: GoldArticle) -> GoldPerson | None:
    """The person with the offsets of their mention, read from the article's gold source spans
    when the file names it by rank (None when the article has no such span)."""
    if person.mention is not None or person.source is None:
        return person
    spans = source_spans(article)
    return replace(person, mention=spans[person.source]) if person.source < len(spans) else None


def stale_articles(people: Sequence[GoldPerson], articles: Sequence[GoldArticle]) -> list[str]:
    """The texts of the people file that no article of the gold folder has (one changed, or is missing)."""
    known = {text_sha256(a.text) for a in articles}
    missing = sorted({p.text_sha256 for p in people} - known)
    return [
        f"{digest[:12]} (no article of the gold folder has this text: it changed or is missing)" for digest in missing
    ]


# ----------------------------------------------------------------------------- matching
def _overlap(a: CharRange, b: CharRange) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _linked_mentions(analysis: Analysis) -> dict[str, list[CharRange]]:
    """Source id -> the source mentions its attributions link to it."""
    linked: dict[str, list[CharRange]] = {}
    for attr in analysis.attributions:
        if attr.source and attr.source_mention:
            linked.setdefault(attr.source, []).append((attr.source_mention.start, attr.source_mention.end))
    return linked


def match_person(person: GoldPerson, analysis: Analysis) -> Source | None:
    """The predicted source entity a mention of which overlaps the person's gold mention: one
    an attribution links first (the mention scored as the source), then any mention of it."""
    if person.mention is None:
        return None
    linked = _linked_mentions(analysis)
    best: tuple[int, int, str] | None = None
    chosen: Source | None = None
    for source in analysis.sources:
        via_link = max((_overlap(person.mention, m) for m in linked.get(source.id, [])), default=0)
        via_any = max((_overlap(person.mention, (m.start, m.end)) for m in source.mentions), default=0)
        if not via_link and not via_any:
            continue
        key = (int(via_link > 0), max(via_link, via_any), source.id)
        if best is None or key[:2] > best[:2]:
            best, chosen = key, source
    return chosen


# ----------------------------------------------------------------------------- counts
@dataclass(slots=True)
class GenderCounts:
    """Gender on matched people: ``scope`` of them (the text states it, or it is known), how
    many of those got a gender and how many the right one; ``unknown`` of all matched people."""

    scope: int = 0
    given: int = 0
    right: int = 0
    unknown: int = 0
    by_value: Counter[str] = field(default_factory=Counter)

    def report(self) -> dict[str, Any]:
        return {
            "n": self.scope,
            "coverage": _ratio(self.given, self.scope),
            "precision": _ratio(self.right, self.given),
            "given": self.given,
            "right": self.right,
            "unknown": self.unknown,
        }


@dataclass(frozen=True, slots=True)
class PersonRow:
    """One gold person and what the analysis said of them (for reading disagreements)."""

    id: str
    article: str
    name: str | None
    gender_true: str
    text_states: bool
    role_class: str
    found: bool
    source_name: str | None = None
    gender: str | None = None
    gender_basis: str | None = None
    gender_names: str | None = None
    predicted_role_class: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(slots=True)
class PeopleScore:
    n: int = 0
    found: int = 0
    text: GenderCounts = field(default_factory=GenderCounts)
    #: the text's genders, on the people whose gender it does not state (should stay ``unknown``)
    unstated_given: int = 0
    unstated: int = 0
    names: GenderCounts = field(default_factory=GenderCounts)
    #: names mode on the known-gender people the text gives no gender: what the table adds
    names_only: GenderCounts = field(default_factory=GenderCounts)
    role_right: int = 0
    role_confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    rows: list[PersonRow] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)

    def report(self, *, rows: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "n": self.n,
            "found": self.found,
            "found_share": _ratio(self.found, self.n),
            "gender_text": self.text.report(),
            "gender_text_unstated": {"n": self.unstated, "given": self.unstated_given},
            "gender_names": self.names.report(),
            "gender_names_only": self.names_only.report(),
            "role_acc": _ratio(self.role_right, self.found),
            "role_right": self.role_right,
            "role_confusion": [
                {"gold": g, "predicted": p, "count": c} for (g, p), c in self.role_confusion.most_common() if g != p
            ],
        }
        if self.stale:
            out["left_out"] = list(self.stale)
        if rows:
            out["rows"] = [r.to_dict() for r in self.rows]
        return out


def _count_gender(counts: GenderCounts, gold: str, predicted: str) -> None:
    counts.scope += 1
    counts.given += predicted != "unknown"
    counts.right += predicted == gold
    counts.by_value[predicted] += 1


def score_person(
    score: PeopleScore, person: GoldPerson, article: GoldArticle, text_mode: Source | None, names_mode: Source | None
) -> None:
    """Add one person of ``article``: ``text_mode`` and ``names_mode`` are their matches
    in the analyses without and with the first-name table (the same entity unless the table
    changed the match)."""
    score.n += 1
    if text_mode is None:
        score.rows.append(_row(person, article, None, names_mode))
        return
    score.found += 1
    gender = text_mode.gender
    score.text.unknown += gender == "unknown"
    if person.text_states:
        _count_gender(score.text, person.gender_true, gender)
    else:
        score.unstated += 1
        score.unstated_given += gender != "unknown"
    named_gender = names_mode.gender if names_mode is not None else "unknown"
    score.names.unknown += named_gender == "unknown"
    if person.gender_known:
        _count_gender(score.names, person.gender_true, named_gender)
        if not person.text_states:
            _count_gender(score.names_only, person.gender_true, named_gender)
    score.role_right += text_mode.role_class == person.role_class
    score.role_confusion[(person.role_class, text_mode.role_class)] += 1
    score.rows.append(_row(person, article, text_mode, names_mode))


def _row(person: GoldPerson, article: GoldArticle, text_mode: Source | None, names_mode: Source | None) -> PersonRow:
    text = article.text
    return PersonRow(
        id=person.id,
        article=article.name,
        name=person.name_in(text),
        gender_true=person.gender_true,
        text_states=person.text_states,
        role_class=person.role_class,
        found=text_mode is not None,
        source_name=text_mode.name if text_mode else None,
        gender=text_mode.gender if text_mode else None,
        gender_basis=text_mode.gender_basis if text_mode else None,
        gender_names=names_mode.gender if names_mode else None,
        predicted_role_class=text_mode.role_class if text_mode else None,
    )


def score_people(
    people: Sequence[GoldPerson],
    articles: Sequence[GoldArticle],
    text_analyses: Sequence[Analysis],
    names_analyses: Sequence[Analysis],
) -> PeopleScore:
    """The people score: ``text_analyses`` and ``names_analyses`` are the analyses of
    ``articles`` (in order) without and with the first-name table."""
    score = PeopleScore(stale=stale_articles(people, articles))
    index = {text_sha256(a.text): i for i, a in enumerate(articles)}
    for listed in people:
        i = index.get(listed.text_sha256)
        if i is None:
            continue  # listed in score.stale
        person = with_mention(listed, articles[i])
        if person is None:
            score.stale.append(f"{listed.id} (its article has no source span of rank {listed.source})")
            continue
        text_mode, names_mode = match_person(person, text_analyses[i]), match_person(person, names_analyses[i])
        score_person(score, person, articles[i], text_mode, names_mode)
    return score


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0
