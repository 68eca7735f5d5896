"""Storing articles: round trips, idempotence, replacement, removal, and derived tables that
stay in sync with the base tables through any sequence of writes."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from accordingto.errors import SchemaError
from accordingto.models import Attribution, Span
from accordingto.query import Corpus
from accordingto.store import Store
from accordingto.store.migrate import bundled_migrations
from tests.store.builders import Said, build


def _article(article_id: str, words: str = "the talks had stalled", **kw: object) -> object:
    return build(
        article_id,
        [
            Said("Defense Minister Dalia Ferrante", f"“We will not cross that red line over {words},”", type="direct"),
            Said("Ferrante", words, role="defense minister"),
            Said("a senior official", "the army was ready", named=False),
            Said("Reuters", "the border was closed", kind="outlet"),
        ],
        figure="about 3,000 troops",
        **kw,  # type: ignore[arg-type]
    )


@pytest.fixture
def corpus(tmp_path: Path) -> Iterator[Corpus]:
    with Corpus(tmp_path / "corpus.db") as opened:
        yield opened


def test_a_new_corpus_is_a_wal_database_with_foreign_keys_and_the_latest_schema(tmp_path: Path) -> None:
    with Store(tmp_path / "new.db") as store:
        conn = store.connection
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.schema_version == bundled_migrations()[-1].version
        assert conn.execute("SELECT count(*) FROM migrations").fetchone()[0] == len(bundled_migrations())


def test_an_article_comes_back_exactly_as_it_was_added(corpus: Corpus) -> None:
    analysis = _article("a1", outlet="Harbor Gazette", published="2024-03-04")
    assert corpus.add(analysis) == "added"  # type: ignore[arg-type]
    stored = corpus.get("a1")
    assert stored is not None and stored.to_dict() == analysis.to_dict()  # type: ignore[attr-defined]
    assert "a1" in corpus and len(corpus) == 1
    assert corpus.get("missing") is None


def test_adding_the_same_analysis_again_changes_nothing(corpus: Corpus) -> None:
    corpus.add(_article("a1"))  # type: ignore[arg-type]
    before = corpus.counts()
    assert corpus.add(_article("a1")) == "unchanged"  # type: ignore[arg-type]
    assert corpus.counts() == before


def test_a_changed_article_replaces_the_stored_one_completely(corpus: Corpus) -> None:
    corpus.add(_article("a1", "the budget"))  # type: ignore[arg-type]
    corpus.add(_article("a2", "the harbour"))  # type: ignore[arg-type]
    before = corpus.counts()
    assert corpus.add(_article("a1", "the ceasefire")) == "replaced"  # type: ignore[arg-type]
    assert corpus.counts() == before  # same shape: nothing left over, nothing doubled
    assert corpus.search("budget").items == []
    assert [h.article_id for h in corpus.search("ceasefire").items] == ["a1", "a1"]
    assert corpus.check() == []


def test_a_new_analysis_version_replaces_the_stored_one(corpus: Corpus) -> None:
    corpus.add(_article("a1"))  # type: ignore[arg-type]
    assert corpus.add(_article("a1", version="test+builders-2")) == "replaced"  # type: ignore[arg-type]
    stored = corpus.get("a1")
    assert stored is not None and stored.analysis_version == "test+builders-2"


def test_is_current_needs_the_same_input_and_the_same_version(corpus: Corpus) -> None:
    corpus.add(_article("a1"), input_hash="h1")  # type: ignore[arg-type]
    version = "test+builders-1"
    assert corpus.is_current("a1", "h1", version)
    assert not corpus.is_current("a1", "h2", version)
    assert not corpus.is_current("a1", "h1", "other-version")
    assert not corpus.is_current("a2", "h1", version)


def test_removing_an_article_removes_everything_derived_from_it(corpus: Corpus) -> None:
    corpus.add(_article("a1"))  # type: ignore[arg-type]
    assert corpus.remove("a1") is True
    assert corpus.remove("a1") is False
    assert corpus.counts() == dict.fromkeys(corpus.counts(), 0)
    for table in ("quote_shingles", "corpus_source_facets", "source_outlets", "outlet_months", "article_texts"):
        assert corpus.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table


def test_a_broken_record_is_refused_and_nothing_of_it_is_stored(corpus: Corpus) -> None:
    analysis = _article("bad")
    analysis.attributions.append(Attribution("A9", "indirect", [Span(0, 2, "“W")], source="S42"))  # type: ignore[attr-defined]
    with pytest.raises(SchemaError, match="S42"):
        corpus.add(analysis)  # type: ignore[arg-type]
    assert len(corpus) == 0


def test_a_failure_in_the_middle_of_an_article_rolls_all_of_it_back(corpus: Corpus) -> None:
    """A trigger that fails on the claims insert, after the article, sources and attributions
    were written in the same transaction: none of them may remain."""
    corpus.add(_article("kept"))  # type: ignore[arg-type]
    before = corpus.counts()
    corpus.connection.execute(
        "CREATE TEMP TRIGGER fail_claims BEFORE INSERT ON claims BEGIN SELECT RAISE(ABORT, 'injected'); END"
    )
    with pytest.raises(Exception, match="injected"):
        corpus.add(_article("lost"))  # type: ignore[arg-type]
    corpus.connection.execute("DROP TRIGGER fail_claims")
    assert corpus.counts() == before
    assert "lost" not in corpus
    assert corpus.check() == []


def test_derived_tables_stay_exact_through_random_writes(corpus: Corpus) -> None:
    """Adds, replacements and removals in random order; after each batch every counter,
    facet, summary and the full-text index match what the base tables say."""
    rng = random.Random(5)
    names = ["Dalia Ferrante", "Marco Ferrante", "Ferrante", "Tomas Reyna", "Reyna", "Ines Calder", "Calder"]
    outlets = ["Harbor Gazette", "harbor gazette", "Metro Wire", None]
    for step in range(60):
        article_id = f"a{rng.randrange(12)}"
        if rng.random() < 0.2:
            corpus.remove(article_id)
            continue
        said = [
            Said(rng.choice(names), f"statement {rng.randrange(5)} about the border", role=rng.choice([None, "mayor"])),
            Said("a resident", "the village was empty", named=False),
            Said(
                rng.choice(names),
                "“We will not cross that red line, whatever the pressure,”",
                type="direct",
                via=rng.choice([None, "Harbor Gazette"]),
            ),
        ]
        month = rng.choice(["2024-03", "2024-04", None])
        corpus.add(
            build(
                article_id,
                said,
                outlet=rng.choice(outlets),
                published=f"{month}-0{rng.randint(1, 9)}" if month else None,
            )
        )
        if step % 10 == 9:
            assert corpus.check() == [], f"after step {step}"
    assert corpus.check() == []


def test_check_reports_a_tampered_counter(corpus: Corpus) -> None:
    corpus.add(_article("a1"))  # type: ignore[arg-type]
    corpus.connection.execute("UPDATE corpus_sources SET n_attributions = n_attributions + 5")
    assert any(p.startswith("corpus_sources counters") for p in corpus.check())


def test_a_readonly_corpus_reads_and_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    with Corpus(path) as corpus:
        corpus.add(_article("a1"))  # type: ignore[arg-type]
    with Corpus(path, readonly=True) as reader:
        assert reader.get("a1") is not None
        with pytest.raises(Exception, match=r"readonly|read-only|AT506"):
            reader.add(_article("a2"))  # type: ignore[arg-type]
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
