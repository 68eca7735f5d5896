"""Source identity across articles: the naming rules alone, then through the store, where
the result must not depend on the order articles arrive in or leave."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from accordingto.link.identity import (
    Candidate,
    Fixed,
    LoneSurname,
    classify,
    decide_lone_surname,
    name_words,
    role_key,
)
from accordingto.models import Source
from accordingto.query import Corpus
from tests.store.builders import Said, build


@pytest.mark.parametrize(
    ("name", "role", "expected"),
    [
        ("Yoav Gallant", None, ["Yoav", "Gallant"]),
        ("Defense Minister Yoav Gallant", None, ["Yoav", "Gallant"]),
        ("Israeli Defense Minister Yoav Gallant", None, ["Yoav", "Gallant"]),
        ("Secretary of State John Kerry", None, ["John", "Kerry"]),
        ("billionaire Donald Trump", None, ["Donald", "Trump"]),
        ("Sen. Ted Cruz's", None, ["Ted", "Cruz"]),
        ("Martin Luther King Jr.", None, ["Martin", "Luther", "King"]),
        ("O’Malley", None, ["O'Malley"]),
        ("The Washington Post", None, ["Washington", "Post"]),
        ("Spokeswoman Haley Morris", "spokeswoman", ["Haley", "Morris"]),
        ("Brian Fallon", None, ["Brian", "Fallon"]),  # "Brian" ends like a demonym but is kept
        ("the President", None, []),
        ("officials", None, []),
    ],
)
def test_name_words_drop_titles_and_descriptors(name: str, role: str | None, expected: list[str]) -> None:
    assert name_words(name, role) == expected


def test_full_names_with_or_without_titles_share_one_key() -> None:
    keys = {
        classify(Source("S1", name, "person", True), f"a{i}:S1").corpus_source_id  # type: ignore[union-attr]
        for i, name in enumerate(["Yoav Gallant", "Defense Minister Yoav Gallant", "YOAV GALLANT", "Yóav Gallant"])
    }
    assert keys == {"yoav-gallant"}


def test_an_anonymous_source_is_its_own_identity() -> None:
    first = classify(Source("S1", "a senior official", "person", False), "a1:S1")
    second = classify(Source("S1", "a senior official", "person", False), "a2:S1")
    assert isinstance(first, Fixed) and isinstance(second, Fixed)
    assert first.corpus_source_id != second.corpus_source_id
    assert first.rule == "anonymous"


def test_a_one_word_person_is_a_lone_surname_and_a_one_word_organization_is_not() -> None:
    assert isinstance(classify(Source("S1", "Gallant", "person", True), "a:S1"), LoneSurname)
    reuters = classify(Source("S1", "Reuters", "organization", True), "a:S1")
    assert isinstance(reuters, Fixed) and reuters.corpus_source_id == "reuters"


def _lone(role: str | None = None, affiliation: str | None = None, kind: str = "person") -> LoneSurname:
    return LoneSurname("ferrante", "Ferrante", kind, role_key(role), role_key(affiliation))


DALIA = Candidate("dalia-ferrante", "Dalia Ferrante", frozenset({"defense minister"}), frozenset({"government"}))
MARCO = Candidate("marco-ferrante", "Marco Ferrante", frozenset({"union leader"}), frozenset({"dockworkers union"}))


def test_a_lone_surname_joins_the_only_full_name_with_that_surname() -> None:
    decision = decide_lone_surname(_lone(), "a:S2", [DALIA], None)
    assert (decision.corpus_source_id, decision.rule) == ("dalia-ferrante", "surname-unique")


def test_two_people_sharing_a_surname_are_not_merged_without_evidence() -> None:
    decision = decide_lone_surname(_lone(), "a:S2", [DALIA, MARCO], None)
    assert decision.corpus_source_id == "ferrante~a:S2"
    assert decision.rule == "surname-alone"


def test_the_same_role_or_affiliation_is_evidence() -> None:
    by_role = decide_lone_surname(_lone(role="Former Defense Minister"), "a:S2", [DALIA, MARCO], None)
    assert (by_role.corpus_source_id, by_role.rule) == ("dalia-ferrante", "surname-role")
    by_affiliation = decide_lone_surname(_lone(affiliation="Dockworkers Union"), "a:S2", [DALIA, MARCO], None)
    assert (by_affiliation.corpus_source_id, by_affiliation.rule) == ("marco-ferrante", "surname-affiliation")


def test_a_role_unlike_the_only_candidates_is_evidence_of_someone_else() -> None:
    decision = decide_lone_surname(_lone(role="chef"), "a:S2", [DALIA], None)
    assert decision.corpus_source_id == "ferrante~role~chef"


def test_lone_surnames_with_the_same_role_group_together_when_no_full_name_fits() -> None:
    one = decide_lone_surname(_lone(role="mayor"), "a:S1", [], None)
    two = decide_lone_surname(_lone(role="Mayor"), "b:S4", [], None)
    assert one.corpus_source_id == two.corpus_source_id == "ferrante~role~mayor"


def test_an_unspecified_one_word_name_joins_an_organization_of_that_name() -> None:
    reuters = Candidate("reuters", "Reuters", frozenset(), frozenset())
    lone = LoneSurname("reuters", "Reuters", "unspecified", None, None)
    assert decide_lone_surname(lone, "a:S1", [], reuters).corpus_source_id == "reuters"


# ------------------------------------------------------------------ through the store
GALLANT_ARTICLES = [
    build("full", [Said("Yoav Gallant", "the operation would continue")]),
    build("titled", [Said("Defense Minister Yoav Gallant", "the talks had stalled")]),
    build("lone", [Said("Gallant", "there would be no ceasefire")]),
    build("anon", [Said("a senior official", "the army was ready", named=False)]),
    build("anon2", [Said("a senior official", "the army was tired", named=False)]),
]


def _identity_of(corpus: Corpus, article_id: str) -> str:
    row = corpus.connection.execute(
        "SELECT cs.corpus_source_id FROM sources s JOIN articles a ON a.pk = s.article_pk "
        "JOIN corpus_sources cs ON cs.pk = s.corpus_source_pk WHERE a.article_id = ?",
        (article_id,),
    ).fetchone()
    return str(row[0])


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_gallant_in_three_forms_is_one_source_whatever_the_order(tmp_path: Path, order: tuple[int, ...]) -> None:
    with Corpus(tmp_path / "c.db") as corpus:
        for i in order:
            corpus.add(GALLANT_ARTICLES[i])
        for article in GALLANT_ARTICLES[3:]:
            corpus.add(article)
        assert {_identity_of(corpus, a) for a in ("full", "titled", "lone")} == {"yoav-gallant"}
        gallant = corpus.source("yoav-gallant")
        assert gallant is not None
        assert (gallant.attributions, gallant.articles, gallant.name) == (3, 3, "Yoav Gallant")
        assert _identity_of(corpus, "anon") != _identity_of(corpus, "anon2")
        assert corpus.check() == []


def test_a_second_person_with_the_surname_detaches_the_lone_surname(tmp_path: Path) -> None:
    """ "Ferrante" joins Dalia Ferrante while she is the only Ferrante; once Marco Ferrante is
    stored it is ambiguous and stands alone; when he is removed it joins her again."""
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.add(build("dalia", [Said("Dalia Ferrante", "the troops would stay")]))
        corpus.add(build("lone", [Said("Ferrante", "the talks would resume")]))
        assert _identity_of(corpus, "lone") == "dalia-ferrante"
        corpus.add(build("marco", [Said("Marco Ferrante", "the strike would go on")]))
        assert _identity_of(corpus, "lone") == "ferrante~lone:S1"
        corpus.remove("marco")
        assert _identity_of(corpus, "lone") == "dalia-ferrante"
        assert corpus.check() == []


def test_role_evidence_picks_the_right_namesake(tmp_path: Path) -> None:
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.add(build("dalia", [Said("Dalia Ferrante", "the troops would stay", role="defense minister")]))
        corpus.add(build("marco", [Said("Marco Ferrante", "the strike would go on", role="union leader")]))
        corpus.add(build("lone", [Said("Ferrante", "pay talks had failed", role="union leader")]))
        assert _identity_of(corpus, "lone") == "marco-ferrante"


def test_replacing_an_article_moves_its_sources_between_identities(tmp_path: Path) -> None:
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.add(build("a", [Said("Dalia Ferrante", "the troops would stay")]))
        corpus.add(build("a", [Said("Ines Calder", "the school had closed")]))
        assert corpus.source("dalia-ferrante") is None  # no source left: the identity is gone
        calder = corpus.source("ines-calder")
        assert calder is not None and calder.attributions == 1
        assert corpus.check() == []


def test_one_outlets_bare_surname_is_one_source_whatever_the_role(tmp_path: Path) -> None:
    """No "Trump (5); Trump (4)" under one outlet: lone "Trump"s of one outlet with no full-name
    Trump in the corpus are one identity, and join the one Trump the corpus knows by a role."""
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.add(build("a", [Said("Trump", "the wall would be built")], outlet="Harbour Ledger"))
        corpus.add(build("b", [Said("Trump", "the deal was dead")], outlet="Harbour Ledger"))
        assert _identity_of(corpus, "a") == _identity_of(corpus, "b") == "trump~outlet~harbour-ledger"
        corpus.add(build("c", [Said("Trump", "taxes would fall", role="president")], outlet="Other Gazette"))
        assert {_identity_of(corpus, x) for x in "abc"} == {"trump~role~president"}
        corpus.add(build("d", [Said("Trump", "the hotel would open", role="developer")], outlet="Other Gazette"))
        # two Trumps known by their roles: the bare ones can no longer say which they are
        assert _identity_of(corpus, "a") == _identity_of(corpus, "b") == "trump~outlet~harbour-ledger"
        assert corpus.check() == []


def test_a_corpus_stored_under_older_identity_rules_is_repaired_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    with Corpus(path) as corpus:
        corpus.add(build("a", [Said("Trump", "the wall would be built")], outlet="Harbour Ledger"))
        corpus.add(build("b", [Said("Trump", "the deal was dead")], outlet="Harbour Ledger"))
        # as an older accordingto left it: each bare surname its own identity
        conn = corpus.connection
        conn.execute("BEGIN")
        for article_id in ("a", "b"):
            pk = conn.execute(
                "INSERT INTO corpus_sources (corpus_source_id, name, named) VALUES (?, 'Trump', 1) RETURNING pk",
                (f"trump~old~{article_id}",),
            ).fetchone()[0]
            conn.execute(
                "UPDATE sources SET corpus_source_pk = ?"
                " WHERE article_pk = (SELECT pk FROM articles WHERE article_id = ?)",
                (pk, article_id),
            )
        conn.execute("UPDATE corpus_info SET value = '1' WHERE key = 'identity_rules'")
        conn.execute("COMMIT")
        assert _identity_of(corpus, "a") != _identity_of(corpus, "b")
    with Corpus(path) as corpus:
        assert _identity_of(corpus, "a") == _identity_of(corpus, "b") == "trump~outlet~harbour-ledger"
