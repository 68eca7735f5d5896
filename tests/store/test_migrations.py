"""Versioned migrations: applied in order, each all or nothing, never twice."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from accordingto.errors import StoreError
from accordingto.query import Corpus
from accordingto.store import Store
from accordingto.store.connection import APPLICATION_ID
from accordingto.store.migrate import Migration, bundled_migrations, statements
from tests.store.builders import Said, build

BUNDLED = len(bundled_migrations())
ADD_NOTES = Migration(
    BUNDLED + 1,
    "notes",
    "CREATE TABLE notes (article_pk INTEGER, note TEXT);\nCREATE INDEX notes_a ON notes (article_pk);",
)
BROKEN = Migration(BUNDLED + 1, "broken", "CREATE TABLE half (x INTEGER);\nTHIS IS NOT SQL;")


def test_the_bundled_migrations_are_numbered_from_one() -> None:
    migrations = bundled_migrations()
    assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))
    assert migrations[0].name == "initial"


def test_a_script_is_split_into_whole_statements_triggers_included() -> None:
    sql = bundled_migrations()[0].sql
    parts = statements(sql)
    triggers = [p for p in parts if p.upper().startswith("CREATE TRIGGER")]
    assert triggers and all(p.rstrip().endswith("END;") for p in triggers)
    assert all(sqlite3.complete_statement(p) for p in parts)


def test_a_new_corpus_is_marked_as_one(tmp_path: Path) -> None:
    with Store(tmp_path / "c.db") as store:
        assert store.connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_an_older_corpus_is_upgraded_and_keeps_its_articles(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    with Corpus(path) as corpus:
        corpus.add(build("a1", [Said("Dalia Ferrante", "the troops would stay")]))
        assert corpus.schema_version == BUNDLED
    with Corpus(path, migrations=[*bundled_migrations(), ADD_NOTES]) as corpus:
        assert corpus.schema_version == BUNDLED + 1
        assert "a1" in corpus
        corpus.connection.execute("INSERT INTO notes VALUES (1, 'checked')")
        applied = [r[0] for r in corpus.connection.execute("SELECT version FROM migrations ORDER BY version")]
        assert applied == list(range(1, BUNDLED + 2))
    with Corpus(path, migrations=[*bundled_migrations(), ADD_NOTES]) as corpus:  # nothing left to apply
        assert corpus.connection.execute("SELECT count(*) FROM migrations").fetchone()[0] == BUNDLED + 1


def test_a_failing_migration_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    with Corpus(path) as corpus:
        corpus.add(build("a1", [Said("Dalia Ferrante", "the troops would stay")]))
    with pytest.raises(StoreError):
        Corpus(path, migrations=[*bundled_migrations(), BROKEN])
    with Corpus(path) as corpus:
        assert corpus.schema_version == BUNDLED
        tables = {r[0] for r in corpus.connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "half" not in tables
        assert "a1" in corpus


def test_a_readonly_open_of_an_older_corpus_asks_for_an_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    Store(path).close()
    with pytest.raises(StoreError, match="older"):
        Store(path, readonly=True, migrations=[*bundled_migrations(), ADD_NOTES])


def test_a_corpus_of_schema_one_gains_rule_provenance(tmp_path: Path) -> None:
    """A corpus stored before rules had ids is upgraded in place: its rows read back with no
    rules, and new analyses store theirs."""
    path = tmp_path / "c.db"
    with Store(path, migrations=bundled_migrations()[:1]) as store:
        assert store.connection.execute("PRAGMA user_version").fetchone()[0] == 1
    with Corpus(path) as corpus:
        assert corpus.schema_version == BUNDLED
        analysis = build("a1", [Said("Dalia Ferrante", "the troops would stay")])
        analysis.attributions[0].rules = ["cue.verb.v1"]
        corpus.add(analysis)
        stored = corpus.get("a1")
        assert stored is not None
        assert stored.attributions[0].rules == ["cue.verb.v1"]


def test_a_corpus_of_schema_two_opens_and_gains_gender_and_role_class(tmp_path: Path) -> None:
    """A corpus stored before sources had gender and role class (schema 2, made here by taking the
    columns of migration 3 off a stored corpus) is upgraded in place: its sources read back as
    unknown, and new analyses store theirs."""
    path = tmp_path / "c.db"
    with Corpus(path) as corpus:
        corpus.add(build("a1", [Said("Dalia Ferrante", "the troops would stay")]))
    conn = sqlite3.connect(path)
    _undo_migration_4(conn)
    for column in ("gender", "gender_basis", "gender_evidence", "role_class"):
        conn.execute(f"ALTER TABLE sources DROP COLUMN {column}")
    conn.execute("DELETE FROM migrations WHERE version >= 3")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    with Corpus(path) as corpus:
        assert corpus.schema_version == BUNDLED
        old = corpus.get("a1")
        assert old is not None
        assert [(s.gender, s.gender_basis, s.gender_evidence, s.role_class) for s in old.sources] == [
            ("unknown", "none", [], "unknown")
        ]
        analysis = build("a2", [Said("Dalia Ferrante", "the troops would stay", role="Defense Minister")])
        source = analysis.sources[0]
        source.gender, source.gender_basis, source.role_class = "female", "text", "politician_or_official"
        source.gender_evidence = list(source.mentions[:1])
        corpus.add(analysis)
        stored = corpus.get("a2")
        assert stored is not None
        assert stored.sources == analysis.sources


def _undo_migration_6(conn: sqlite3.Connection) -> None:
    """Take the identity index of migration 6 off a stored corpus (schema 5 again)."""
    conn.execute("DROP INDEX sources_identity_who")
    conn.execute("DELETE FROM migrations WHERE version >= 6")
    conn.execute("PRAGMA user_version = 5")


def _undo_migration_5(conn: sqlite3.Connection) -> None:
    """Take the review tables of migration 5 off a stored corpus (schema 4 again)."""
    _undo_migration_6(conn)
    for trigger in ("review_edits_no_update", "review_edits_no_delete"):
        conn.execute(f"DROP TRIGGER {trigger}")
    conn.execute("DROP TABLE review_articles")
    conn.execute("DROP TABLE review_edits")
    conn.execute("DELETE FROM migrations WHERE version >= 5")
    conn.execute("PRAGMA user_version = 4")


def _undo_migration_4(conn: sqlite3.Connection) -> None:
    """Take the bylines and descriptors of migration 4 off a stored corpus (schema 3 again)."""
    _undo_migration_5(conn)
    conn.execute("DROP TABLE article_authors")
    for table, column in (("articles", "section"), ("articles", "wire")):
        conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    for column in ("descriptors", "gender_counts"):
        conn.execute(f"ALTER TABLE sources DROP COLUMN {column}")
    conn.execute("DELETE FROM migrations WHERE version >= 4")
    conn.execute("PRAGMA user_version = 3")


def test_a_corpus_of_schema_three_gains_bylines_and_descriptors(tmp_path: Path) -> None:
    """A corpus stored before articles had authors, section and wire and sources descriptors
    (schema 3) is upgraded in place: old articles keep their author string and read back with no
    authors; new ones store every byline name, and statistics can group by it."""
    path = tmp_path / "c.db"
    with Corpus(path) as corpus:
        old = build("a1", [Said("Dalia Ferrante", "the troops would stay")])
        old.article.author = "Jane Roe"
        corpus.add(old)
    conn = sqlite3.connect(path)
    _undo_migration_4(conn)
    conn.commit()
    conn.close()
    with Corpus(path) as corpus:
        assert corpus.schema_version == BUNDLED
        stored_old = corpus.get("a1")
        assert stored_old is not None
        assert (stored_old.article.author, stored_old.article.authors) == ("Jane Roe", [])
        assert [(s.descriptors, s.gender_counts) for s in stored_old.sources] == [([], {})]
        new = build("a2", [Said("Dalia Ferrante", "the troops would stay")])
        new.article.authors, new.article.author = ["Jane Roe", "John Doe"], "Jane Roe and John Doe"
        new.article.section, new.article.wire = "Politics", "Reuters"
        source = new.sources[0]
        source.descriptors = list(source.mentions[:1])
        source.gender_counts = {"female": 3, "male": 1}
        corpus.add(new)
        stored = corpus.get("a2")
        assert stored is not None
        assert stored.article == new.article
        assert stored.sources == new.sources


def test_a_corpus_of_schema_four_gains_the_review_tables(tmp_path: Path) -> None:
    """A corpus stored before review (schema 4) is upgraded in place: its articles are kept, have
    no edits (unreviewed), and can be reviewed; the edits are stored apart from them."""
    from accordingto.query.review import reviewed_map, status_counts
    from accordingto.store.review import EditRequest, record_edit
    from accordingto.store.review_map import analysis_key

    path = tmp_path / "c.db"
    with Corpus(path) as corpus:
        corpus.add(build("a1", [Said("Dalia Ferrante", "the troops would stay")]))
    conn = sqlite3.connect(path)
    _undo_migration_5(conn)
    conn.commit()
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    assert "review_edits" not in tables
    with Corpus(path) as corpus:
        assert corpus.schema_version == BUNDLED == 6
        assert status_counts(corpus.connection)["unreviewed"] == 1
        old = reviewed_map(corpus.connection, "a1")
        assert old is not None and old.status == "unreviewed"
        request = EditRequest("a1", "alice", "reject", 0, analysis_key(old.machine), "A1")
        record_edit(corpus.connection, corpus.path, request)
        reviewed = reviewed_map(corpus.connection, "a1")
        assert reviewed is not None and reviewed.analysis.attributions == []
        stored = corpus.get("a1")
        assert stored is not None and len(stored.attributions) == 1  # the machine's row is kept


def test_a_corpus_of_schema_five_gains_the_identity_index_and_answers_the_same(tmp_path: Path) -> None:
    """The index of migration 6 changes no answer: a corpus of schema 5 lists the same sources."""
    path = tmp_path / "c.db"
    with Corpus(path) as corpus:
        corpus.add(build("a1", [Said("Dalia Ferrante", "the troops would stay")]))
        before = corpus.sources()
    conn = sqlite3.connect(path)
    _undo_migration_6(conn)
    conn.commit()
    conn.close()
    with Corpus(path) as corpus:
        assert corpus.schema_version == BUNDLED == 6
        indexes = {r[0] for r in corpus.connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "sources_identity_who" in indexes
        assert corpus.sources() == before
