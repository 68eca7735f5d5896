"""The people score (gold/people): reading a people file, matching each person to a predicted
source by its gold mention, the gender and role-class arithmetic, and that the shipped file
still fits the PolNeAR texts it was made on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accordingto.errors import GoldError
from accordingto.evaluate.brat import GoldArticle, read_gold
from accordingto.evaluate.people import (
    GoldPerson,
    match_person,
    read_people,
    score_people,
    stale_articles,
    text_sha256,
    with_mention,
)
from accordingto.models import Analysis, Article, Attribution, Source, Span

ROOT = Path(__file__).resolve().parents[2]
PEOPLE_FILE = ROOT / "gold" / "people" / "quoted_people.json"
POLNEAR_DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev"

TEXT = (
    "Mayor Ines Calloway said the bridge would reopen. She added that repairs were done. "
    "Dr. Okafor said the water was safe. Priya Raman, a teacher, said classes would resume."
)


def _at(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return (start, start + len(words))


def _span(words: str) -> Span:
    start, end = _at(words)
    return Span(start, end, words)


def _person(pid: str, words: str, gender: str, states: bool, role: str, split: str = "dev") -> GoldPerson:
    return GoldPerson(pid, text_sha256(TEXT), split, _at(words), _at(words), gender, states, role)


def _analysis(text_genders: dict[str, str]) -> Analysis:
    """Calloway (female, from "She"), Okafor (no gender), Raman (the given gender)."""
    sources = [
        Source("S1", "Ines Calloway", "person", True, mentions=[_span("Mayor Ines Calloway"), _span("She")]),
        Source("S2", "Okafor", "person", True, mentions=[_span("Dr. Okafor")]),
        Source("S3", "Priya Raman", "person", True, mentions=[_span("Priya Raman, a teacher,")]),
    ]
    sources[0].gender, sources[0].role_class = text_genders.get("S1", "female"), "politician_or_official"
    sources[1].gender, sources[1].role_class = text_genders.get("S2", "unknown"), "medical"
    sources[2].gender, sources[2].role_class = text_genders.get("S3", "unknown"), "expert_or_academic"
    return Analysis(Article("a1", TEXT), sources=sources)


def _gold() -> list[GoldPerson]:
    return [
        _person("P1", "She", "female", True, "politician_or_official"),
        _person("P2", "Dr. Okafor", "male", False, "medical"),
        _person("P3", "Priya Raman", "female", False, "expert_or_academic"),
        _person("P4", "the water", "unknown", False, "unknown"),
    ]


def test_people_score_counts_gender_in_both_modes_and_role_class() -> None:
    article = GoldArticle("a1", TEXT)
    text_mode = _analysis({})
    names_mode = _analysis({"S3": "female"})  # the table knows Priya, not Okafor
    score = score_people(_gold(), [article], [text_mode], [names_mode])
    report = score.report()
    # P4's mention overlaps no source: not found; the other three are.
    assert (report["n"], report["found"]) == (4, 3)
    # The text states one gender (Calloway's), and the analysis has it right.
    assert report["gender_text"] == {
        "n": 1,
        "coverage": 1.0,
        "precision": 1.0,
        "given": 1,
        "right": 1,
        "unknown": 2,
    }
    assert report["gender_text_unstated"] == {"n": 2, "given": 0}
    # With names, three known genders: Calloway and Raman given and right, Okafor unknown.
    assert report["gender_names"]["n"] == 3
    assert report["gender_names"]["coverage"] == pytest.approx(2 / 3)
    assert report["gender_names"]["precision"] == 1.0
    assert report["gender_names_only"]["n"] == 2
    assert report["gender_names_only"]["coverage"] == 0.5
    assert report["role_acc"] == 1.0


def test_a_wrong_gender_lowers_precision_and_a_role_mismatch_is_listed() -> None:
    article = GoldArticle("a1", TEXT)
    wrong = _analysis({"S1": "male"})
    wrong.sources[2].role_class = "ordinary_person"
    report = score_people(_gold(), [article], [wrong], [wrong]).report(rows=True)
    assert report["gender_text"]["coverage"] == 1.0
    assert report["gender_text"]["precision"] == 0.0
    assert report["role_acc"] == pytest.approx(2 / 3)
    assert report["role_confusion"] == [{"gold": "expert_or_academic", "predicted": "ordinary_person", "count": 1}]
    rows = {r["id"]: r for r in report["rows"]}
    assert rows["P1"]["gender"] == "male" and rows["P1"]["source_name"] == "Ines Calloway"
    assert rows["P4"]["found"] is False


def test_a_person_is_matched_through_a_pronoun_mention_and_prefers_the_linked_source() -> None:
    analysis = _analysis({})
    assert match_person(_gold()[0], analysis) is analysis.sources[0]  # "She" is one of S1's mentions
    # A second source whose attribution links the same words wins over a mere mention.
    other = Source("S9", "the mayor's office", "organization", mentions=[_span("She")])
    analysis.sources.append(other)
    analysis.attributions.append(
        Attribution("A1", "indirect", content=[_span("repairs were done")], source="S9", source_mention=_span("She"))
    )
    assert match_person(_gold()[0], analysis) is other


def test_an_article_whose_text_changed_is_left_out() -> None:
    changed = GoldArticle("a1", TEXT + " Updated.")
    score = score_people(_gold(), [changed], [_analysis({})], [_analysis({})])
    assert score.n == 0
    digest = text_sha256(TEXT)[:12]
    assert score.stale == [f"{digest} (no article of the gold folder has this text: it changed or is missing)"]
    assert stale_articles(_gold(), []) == score.stale


def test_read_people_keeps_a_split_and_refuses_a_stated_unknown_gender(tmp_path: Path) -> None:
    item: dict[str, object] = {"id": "P1", "text_sha256": "0" * 64, "mention": [0, 5]}
    item |= {"gender_true": "female", "text_states": True, "role_class": "politician_or_official", "split": "dev"}
    other = item | {"id": "P2", "split": "test"}
    path = tmp_path / "people.json"
    path.write_text(json.dumps({"items": [item, other]}), encoding="utf-8")
    assert [p.id for p in read_people(path, split="test")] == ["P2"]
    lines = tmp_path / "people.jsonl"
    lines.write_text("\n".join(json.dumps(i) for i in (item, other)) + "\n", encoding="utf-8")
    assert len(read_people(lines)) == 2
    path.write_text(json.dumps({"items": [item | {"gender_true": "unknown"}]}), encoding="utf-8")
    with pytest.raises(GoldError, match="cannot state an unknown gender"):
        read_people(path)


def test_the_shipped_people_file_is_well_formed() -> None:
    people = read_people(PEOPLE_FILE)
    assert len(people) == 150
    assert {p.split for p in people} == {"dev", "test"}
    # no offsets of PolNeAR's annotations are kept: each mention is the rank of one of its source spans
    assert all(p.mention is None and p.source is not None and p.source >= 0 for p in people)


@pytest.mark.skipif(not POLNEAR_DEV.is_dir(), reason=f"PolNeAR dev is not at {POLNEAR_DEV} (../shared is absent)")
def test_the_people_file_still_fits_the_polnear_texts() -> None:
    people = read_people(PEOPLE_FILE)
    articles = list(read_gold(POLNEAR_DEV))
    assert stale_articles(people, articles) == []
    texts = {text_sha256(a.text): a.text for a in articles}
    by_text = {text_sha256(a.text): a for a in articles}
    mentions = [with_mention(p, by_text[p.text_sha256]) for p in people]
    assert all(m is not None and m.mention is not None for m in mentions)
    assert all(m.mention[0] < m.mention[1] <= len(texts[m.text_sha256]) for m in mentions if m and m.mention)
    # at most one item per person per article (the names are read from the texts)
    named = [(p.text_sha256, p.name_in(texts[p.text_sha256])) for p in people if p.name_span]
    assert len(set(named)) == len(named)
    assert all(e[1] <= len(texts[p.text_sha256]) for p in people for e in p.evidence_spans)
