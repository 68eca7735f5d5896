-- Review (issue 15): the corrections reviewers make to sourcing maps, kept apart from the
-- machine's rows, which review never changes. docs/review.md describes the edits and the
-- reviewed map they make.
--
-- review_edits is an append-only log: one row per action (confirm, reject, set a span,
-- merge two sources, undo...), written in its own transaction. article_id is not a foreign
-- key: storing a new analysis of an article replaces its rows, and its edits must survive
-- that (they are carried over by their text spans, or listed as stale).
CREATE TABLE review_edits (
    pk               INTEGER PRIMARY KEY,          -- the edit id
    article_id       TEXT NOT NULL,
    revision         INTEGER NOT NULL,             -- the article's review revision this edit made: 1, 2, ...
    base_revision    INTEGER NOT NULL,             -- the revision the reviewer was looking at
    reviewer         TEXT NOT NULL,
    created_at       TEXT NOT NULL,                -- UTC, ISO 8601 (2026-01-31T09:15:02.123456+00:00)
    action           TEXT NOT NULL,                -- confirm | reject | set_type | set_span | reassign | add | rename
                                                   -- | merge | split | set_field | not_a_source | set_status | undo
    target           TEXT NOT NULL,                -- an attribution id (A3, RA12), a source id (S2, RS14), new, article
    payload          TEXT NOT NULL,                -- JSON: the changed fields, spans with their text, anchors
    fields           TEXT NOT NULL DEFAULT '[]',   -- JSON: the fields it changed ("attribution:A3:type")
    analysis_version TEXT NOT NULL,                -- the analysis the edit was made on
    content_hash     TEXT NOT NULL,                -- and the article record it was made on
    reverts          INTEGER REFERENCES review_edits (pk),   -- undo: the edit it reverts
    UNIQUE (article_id, revision)
);

-- Edits are never changed nor deleted: a correction is undone by another edit.
CREATE TRIGGER review_edits_no_update BEFORE UPDATE ON review_edits BEGIN
    SELECT RAISE(ABORT, 'review edits are never changed: undo an edit with another edit');
END;

CREATE TRIGGER review_edits_no_delete BEFORE DELETE ON review_edits BEGIN
    SELECT RAISE(ABORT, 'review edits are never deleted: undo an edit with another edit');
END;

-- One row per article with edits, rewritten in the transaction of each edit: what the list
-- of articles by review status reads.
CREATE TABLE review_articles (
    article_id       TEXT PRIMARY KEY,
    revision         INTEGER NOT NULL,             -- the latest revision (the number of edits)
    status           TEXT NOT NULL,                -- unreviewed (every edit undone) | in_progress | reviewed
    active_edits     INTEGER NOT NULL,             -- edits in effect (neither undone nor undo edits)
    reviewers        TEXT NOT NULL DEFAULT '[]',   -- JSON: who made the edits in effect, in order of first edit
    first_edit_at    TEXT NOT NULL,
    last_edit_at     TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX review_articles_status ON review_articles (status, last_edit_at);
