-- 0001: the first corpus schema. docs/database.md describes every table.
--
-- Base tables hold what the analyses say (articles, sources, attributions, claims, quotes);
-- corpus_sources says who is who across articles; the *_fts, facet and summary tables are
-- derived and kept in sync by the triggers at the end, inside the transaction that stores
-- or removes an article, so they can never disagree with the base tables.

PRAGMA application_id = 1094931535;  -- 0x4143544F, "ACTO": marks the file as a corpus

CREATE TABLE corpus_info (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE migrations (
    version             INTEGER PRIMARY KEY,
    name                TEXT NOT NULL,
    applied_at          TEXT NOT NULL,
    accordingto_version TEXT NOT NULL
);

CREATE TABLE articles (
    pk               INTEGER PRIMARY KEY,
    article_id       TEXT NOT NULL UNIQUE,
    analysis_version TEXT NOT NULL,
    content_hash     TEXT NOT NULL,          -- SHA-256 of the article record (text + metadata)
    input_hash       TEXT,                   -- SHA-256 of the input as read, to skip it before analysis
    title            TEXT,
    outlet           TEXT COLLATE NOCASE,
    url              TEXT,
    published        TEXT,                   -- as given
    pub_date         TEXT,                   -- YYYY-MM-DD when `published` could be read, else NULL
    month            TEXT,                   -- YYYY-MM of pub_date
    author           TEXT,
    language         TEXT,
    chars            INTEGER NOT NULL,
    n_attributions   INTEGER NOT NULL DEFAULT 0,
    n_named          INTEGER NOT NULL DEFAULT 0,   -- attributions to a named source
    n_anonymous      INTEGER NOT NULL DEFAULT 0,   -- attributions to an anonymous source
    n_unattributed   INTEGER NOT NULL DEFAULT 0,
    n_person         INTEGER NOT NULL DEFAULT 0,   -- attributions by kind of source
    n_group          INTEGER NOT NULL DEFAULT 0,
    n_organization   INTEGER NOT NULL DEFAULT 0,
    n_outlet         INTEGER NOT NULL DEFAULT 0,
    n_document       INTEGER NOT NULL DEFAULT 0,
    n_unspecified    INTEGER NOT NULL DEFAULT 0,   -- unspecified kind, and unattributed
    n_sources        INTEGER NOT NULL DEFAULT 0,
    n_claims         INTEGER NOT NULL DEFAULT 0,
    stored_at        TEXT NOT NULL
);
CREATE INDEX articles_outlet_month ON articles (outlet, month);
CREATE INDEX articles_month ON articles (month);
CREATE INDEX articles_pub_date ON articles (pub_date);

-- The text and the long JSON of each article, apart so that articles stays narrow: the
-- per-outlet statistics scan it, and a row with 5 KB of text in it would make that a read
-- of the whole corpus.
CREATE TABLE article_texts (
    article_pk       INTEGER PRIMARY KEY REFERENCES articles (pk) ON DELETE CASCADE,
    text             TEXT NOT NULL,
    excluded         TEXT NOT NULL DEFAULT '[]',   -- JSON [{start, end, text, reason}]
    profile          TEXT NOT NULL DEFAULT '{}'    -- JSON, schema accordingto/1
);

-- Who is who across the corpus: one row per identity (see link/identity.py for the rules).
CREATE TABLE corpus_sources (
    pk               INTEGER PRIMARY KEY,
    corpus_source_id TEXT NOT NULL UNIQUE,   -- "yoav-gallant", "reuters", "gallant~role~defense-minister", "anonymous~<source id>"
    name             TEXT NOT NULL,          -- display name
    named            INTEGER NOT NULL,
    surname          TEXT,                   -- last word of a full name: where lone surnames look
    n_sources        INTEGER NOT NULL DEFAULT 0,
    n_articles       INTEGER NOT NULL DEFAULT 0,
    n_attributions   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX corpus_sources_rank ON corpus_sources (n_attributions DESC, pk);
CREATE INDEX corpus_sources_surname ON corpus_sources (surname) WHERE surname IS NOT NULL;
CREATE INDEX corpus_sources_name ON corpus_sources (name COLLATE NOCASE);

-- Kinds, roles and affiliations of each identity with how many sources gave them; facets of
-- lone-surname sources are kept apart ('lone-kind'...) so that they are never used as
-- evidence for deciding other lone surnames.
CREATE TABLE corpus_source_facets (
    corpus_source_pk INTEGER NOT NULL,
    facet            TEXT NOT NULL,          -- kind | role | affiliation | lone-kind | lone-role | lone-affiliation
    value            TEXT NOT NULL,
    n                INTEGER NOT NULL,
    PRIMARY KEY (corpus_source_pk, facet, value)
) WITHOUT ROWID;

CREATE TABLE sources (
    pk               INTEGER PRIMARY KEY,
    article_pk       INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    local_id         TEXT NOT NULL,
    name             TEXT NOT NULL,
    kind             TEXT NOT NULL,
    named            INTEGER NOT NULL,
    count            INTEGER,
    count_text       TEXT,
    role             TEXT,
    affiliation      TEXT,
    mentions         TEXT NOT NULL DEFAULT '[]',   -- compact spans: [[start, end], ...] ([start, end, text] if text differs)
    anonymity        TEXT NOT NULL DEFAULT '[]',
    n_attributions   INTEGER NOT NULL DEFAULT 0,
    date_key         TEXT NOT NULL,                -- the article's pub_date, '~' when unknown (sorts last)
    role_key         TEXT,
    affiliation_key  TEXT,
    lone_surname     TEXT,                         -- set for a person named by a surname alone
    identity_rule    TEXT NOT NULL,                -- how corpus_source_pk was decided
    corpus_source_pk INTEGER NOT NULL REFERENCES corpus_sources (pk),
    UNIQUE (article_pk, local_id)
);
CREATE INDEX sources_identity ON sources (corpus_source_pk, date_key, article_pk);
CREATE INDEX sources_lone_surname ON sources (lone_surname) WHERE lone_surname IS NOT NULL;

CREATE TABLE attributions (
    pk               INTEGER PRIMARY KEY,
    article_pk       INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    local_id         TEXT NOT NULL,
    type             TEXT NOT NULL,
    content          TEXT NOT NULL,          -- the content's spans joined by a space: what search indexes
    spans            TEXT NOT NULL,          -- compact spans
    start            INTEGER NOT NULL,
    "end"            INTEGER NOT NULL,
    cue              TEXT,
    cue_start        INTEGER,
    cue_end          INTEGER,
    source_pk        INTEGER REFERENCES sources (pk),
    mention          TEXT,
    mention_start    INTEGER,
    mention_end      INTEGER,
    via              TEXT NOT NULL DEFAULT '[]',   -- JSON local source ids
    confidence       REAL NOT NULL,
    stance           TEXT NOT NULL,
    hedges           TEXT NOT NULL DEFAULT '[]',   -- compact spans
    UNIQUE (article_pk, local_id)
);
CREATE INDEX attributions_source ON attributions (source_pk);

-- Full-text index over attribution content, with a second column of filter tokens so that
-- the search filters are intersections inside the index rather than checks of every match:
--   t<type> k<source kind|none> s<named|anonymous|none> m<YYYYMM|none> o<hex of the outlet>
-- e.g. "tdirect kperson sanonymous m202403 o686172626f722067617a65747465" (the outlet is one
-- token, the hex of its ASCII-lower-cased name, like the NOCASE comparison). External
-- content (the view below), so no text is stored twice; the facets derive from values that
-- never change while the article is stored.
CREATE VIEW attributions_fts_source AS
SELECT a.pk AS pk,
       a.content AS content,
       't' || replace(a.type, '_', '') || ' k' || coalesce(s.kind, 'none') || ' s'
       || CASE WHEN s.pk IS NULL THEN 'none' WHEN s.named THEN 'named' ELSE 'anonymous' END
       || ' m' || coalesce(replace(ar.month, '-', ''), 'none')
       || ' o' || lower(hex(lower(coalesce(ar.outlet, '')))) AS facets
  FROM attributions a
  JOIN articles ar ON ar.pk = a.article_pk
  LEFT JOIN sources s ON s.pk = a.source_pk;

CREATE VIRTUAL TABLE attributions_fts USING fts5 (
    content,
    facets,
    content = 'attributions_fts_source',
    content_rowid = 'pk',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TABLE claims (
    pk                INTEGER PRIMARY KEY,
    article_pk        INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    local_id          TEXT NOT NULL,
    text              TEXT NOT NULL,
    start             INTEGER NOT NULL,
    "end"             INTEGER NOT NULL,
    value             REAL,
    approximation     TEXT,
    unit              TEXT,
    attribution_local TEXT,                  -- local ids: claims are read with their article
    source_local      TEXT,
    caveats           TEXT NOT NULL DEFAULT '[]',
    UNIQUE (article_pk, local_id)
);

-- Direct quotes (the words inside quotation marks) and their word 4-gram hashes.
-- quotes.attribution_pk and quote_shingles.quote_pk are not declared as foreign keys: each
-- would need one more index; the store deletes them with their article.
CREATE TABLE quotes (
    pk               INTEGER PRIMARY KEY,
    article_pk       INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    attribution_pk   INTEGER NOT NULL,
    start            INTEGER NOT NULL,
    "end"            INTEGER NOT NULL,
    normalized       TEXT NOT NULL,
    n_shingles       INTEGER NOT NULL
);
CREATE INDEX quotes_article ON quotes (article_pk);

CREATE TABLE quote_shingles (
    shingle          INTEGER NOT NULL,
    quote_pk         INTEGER NOT NULL,
    PRIMARY KEY (shingle, quote_pk)
) WITHOUT ROWID;

-- Outlets each article cites (its profile's outlets_cited).
CREATE TABLE article_citations (
    article_pk       INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    outlet           TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (article_pk, outlet)
) WITHOUT ROWID;

-- Attributions of each named identity per outlet and month of the quoting articles, with the
-- roll-ups (outlet, '*') and ('*', month); '' stands for an unknown outlet or month.
CREATE TABLE source_outlets (
    outlet           TEXT NOT NULL COLLATE NOCASE,
    month            TEXT NOT NULL,
    corpus_source_pk INTEGER NOT NULL,
    attributions     INTEGER NOT NULL,
    sources          INTEGER NOT NULL,
    PRIMARY KEY (outlet, month, corpus_source_pk)
) WITHOUT ROWID;
CREATE INDEX source_outlets_top ON source_outlets (outlet, month, attributions DESC);
CREATE INDEX source_outlets_source ON source_outlets (corpus_source_pk, month);

-- Sums of the per-article counts for each outlet and month ('' when unknown): what the
-- statistics read, so their cost does not grow with the number of articles.
CREATE TABLE outlet_months (
    outlet           TEXT NOT NULL COLLATE NOCASE,
    month            TEXT NOT NULL,
    articles         INTEGER NOT NULL,
    n_attributions   INTEGER NOT NULL,
    n_named          INTEGER NOT NULL,
    n_anonymous      INTEGER NOT NULL,
    n_unattributed   INTEGER NOT NULL,
    n_person         INTEGER NOT NULL,
    n_group          INTEGER NOT NULL,
    n_organization   INTEGER NOT NULL,
    n_outlet         INTEGER NOT NULL,
    n_document       INTEGER NOT NULL,
    n_unspecified    INTEGER NOT NULL,
    PRIMARY KEY (outlet, month)
) WITHOUT ROWID;

-- Articles of each outlet and month citing each outlet.
CREATE TABLE outlet_citations (
    outlet           TEXT NOT NULL COLLATE NOCASE,
    month            TEXT NOT NULL,
    cited            TEXT NOT NULL COLLATE NOCASE,
    articles         INTEGER NOT NULL,
    PRIMARY KEY (outlet, month, cited)
) WITHOUT ROWID;

-- ------------------------------------------------------------------ triggers: outlet summaries
CREATE TRIGGER articles_summary_insert AFTER INSERT ON articles BEGIN
    INSERT INTO outlet_months VALUES (
        coalesce(new.outlet, ''), coalesce(new.month, ''), 1, new.n_attributions, new.n_named, new.n_anonymous,
        new.n_unattributed, new.n_person, new.n_group, new.n_organization, new.n_outlet, new.n_document,
        new.n_unspecified)
    ON CONFLICT DO UPDATE SET
        articles = articles + 1,
        n_attributions = n_attributions + excluded.n_attributions,
        n_named = n_named + excluded.n_named,
        n_anonymous = n_anonymous + excluded.n_anonymous,
        n_unattributed = n_unattributed + excluded.n_unattributed,
        n_person = n_person + excluded.n_person,
        n_group = n_group + excluded.n_group,
        n_organization = n_organization + excluded.n_organization,
        n_outlet = n_outlet + excluded.n_outlet,
        n_document = n_document + excluded.n_document,
        n_unspecified = n_unspecified + excluded.n_unspecified;
END;

CREATE TRIGGER articles_summary_delete AFTER DELETE ON articles BEGIN
    UPDATE outlet_months SET
        articles = articles - 1,
        n_attributions = n_attributions - old.n_attributions,
        n_named = n_named - old.n_named,
        n_anonymous = n_anonymous - old.n_anonymous,
        n_unattributed = n_unattributed - old.n_unattributed,
        n_person = n_person - old.n_person,
        n_group = n_group - old.n_group,
        n_organization = n_organization - old.n_organization,
        n_outlet = n_outlet - old.n_outlet,
        n_document = n_document - old.n_document,
        n_unspecified = n_unspecified - old.n_unspecified
     WHERE outlet = coalesce(old.outlet, '') AND month = coalesce(old.month, '');
    DELETE FROM outlet_months WHERE outlet = coalesce(old.outlet, '') AND month = coalesce(old.month, '') AND articles <= 0;
END;

CREATE TRIGGER citations_summary_insert AFTER INSERT ON article_citations BEGIN
    INSERT INTO outlet_citations (outlet, month, cited, articles)
        SELECT coalesce(a.outlet, ''), coalesce(a.month, ''), new.outlet, 1 FROM articles a WHERE a.pk = new.article_pk
        ON CONFLICT DO UPDATE SET articles = articles + 1;
END;

CREATE TRIGGER citations_summary_delete AFTER DELETE ON article_citations BEGIN
    UPDATE outlet_citations SET articles = articles - 1
     WHERE cited = old.outlet
       AND (outlet, month) IN (SELECT coalesce(a.outlet, ''), coalesce(a.month, '') FROM articles a WHERE a.pk = old.article_pk);
    DELETE FROM outlet_citations WHERE cited = old.outlet AND articles <= 0;
END;

-- ------------------------------------------------------------------ triggers: full-text index
CREATE TRIGGER attributions_fts_insert AFTER INSERT ON attributions BEGIN
    INSERT INTO attributions_fts (rowid, content, facets)
        SELECT pk, content, facets FROM attributions_fts_source WHERE pk = new.pk;
END;

-- BEFORE: the view can still read the row (and its article and source) to say what to remove.
CREATE TRIGGER attributions_fts_delete BEFORE DELETE ON attributions BEGIN
    INSERT INTO attributions_fts (attributions_fts, rowid, content, facets)
        SELECT 'delete', pk, content, facets FROM attributions_fts_source WHERE pk = old.pk;
END;

CREATE TRIGGER attributions_fts_update_old BEFORE UPDATE OF content, type, source_pk ON attributions BEGIN
    INSERT INTO attributions_fts (attributions_fts, rowid, content, facets)
        SELECT 'delete', pk, content, facets FROM attributions_fts_source WHERE pk = old.pk;
END;

CREATE TRIGGER attributions_fts_update_new AFTER UPDATE OF content, type, source_pk ON attributions BEGIN
    INSERT INTO attributions_fts (rowid, content, facets)
        SELECT pk, content, facets FROM attributions_fts_source WHERE pk = new.pk;
END;

-- ------------------------------------------------------------------ triggers: identity counters
CREATE TRIGGER sources_counters_insert AFTER INSERT ON sources BEGIN
    UPDATE corpus_sources
       SET n_sources = n_sources + 1,
           n_attributions = n_attributions + new.n_attributions,
           n_articles = n_articles + NOT EXISTS (
               SELECT 1 FROM sources s
                WHERE s.corpus_source_pk = new.corpus_source_pk AND s.date_key = new.date_key
                  AND s.article_pk = new.article_pk AND s.pk <> new.pk)
     WHERE pk = new.corpus_source_pk;
    INSERT INTO corpus_source_facets (corpus_source_pk, facet, value, n)
        SELECT new.corpus_source_pk, f.facet, f.value, 1
          FROM (SELECT iif(new.lone_surname IS NULL, 'kind', 'lone-kind') AS facet, new.kind AS value
                UNION ALL SELECT iif(new.lone_surname IS NULL, 'role', 'lone-role'), new.role_key
                UNION ALL SELECT iif(new.lone_surname IS NULL, 'affiliation', 'lone-affiliation'), new.affiliation_key) AS f
         WHERE f.value IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO source_outlets (outlet, month, corpus_source_pk, attributions, sources)
        SELECT g.outlet, g.month, new.corpus_source_pk, new.n_attributions, 1
          FROM (SELECT coalesce(a.outlet, '') AS outlet, coalesce(a.month, '') AS month FROM articles a WHERE a.pk = new.article_pk
                UNION ALL SELECT coalesce(a.outlet, ''), '*' FROM articles a WHERE a.pk = new.article_pk
                UNION ALL SELECT '*', coalesce(a.month, '') FROM articles a WHERE a.pk = new.article_pk) AS g
         WHERE new.named
        ON CONFLICT DO UPDATE SET attributions = attributions + excluded.attributions, sources = sources + 1;
END;

CREATE TRIGGER sources_counters_delete AFTER DELETE ON sources BEGIN
    UPDATE corpus_sources
       SET n_sources = n_sources - 1,
           n_attributions = n_attributions - old.n_attributions,
           n_articles = n_articles - NOT EXISTS (
               SELECT 1 FROM sources s
                WHERE s.corpus_source_pk = old.corpus_source_pk AND s.date_key = old.date_key
                  AND s.article_pk = old.article_pk)
     WHERE pk = old.corpus_source_pk;
    UPDATE corpus_source_facets SET n = n - 1
     WHERE corpus_source_pk = old.corpus_source_pk
       AND (facet, value) IN (
           SELECT iif(old.lone_surname IS NULL, 'kind', 'lone-kind'), old.kind
           UNION ALL SELECT iif(old.lone_surname IS NULL, 'role', 'lone-role'), old.role_key
           UNION ALL SELECT iif(old.lone_surname IS NULL, 'affiliation', 'lone-affiliation'), old.affiliation_key);
    DELETE FROM corpus_source_facets WHERE corpus_source_pk = old.corpus_source_pk AND n <= 0;
    UPDATE source_outlets SET attributions = attributions - old.n_attributions, sources = sources - 1
     WHERE old.named AND corpus_source_pk = old.corpus_source_pk
       AND (outlet, month) IN (
           SELECT coalesce(a.outlet, ''), coalesce(a.month, '') FROM articles a WHERE a.pk = old.article_pk
           UNION ALL SELECT coalesce(a.outlet, ''), '*' FROM articles a WHERE a.pk = old.article_pk
           UNION ALL SELECT '*', coalesce(a.month, '') FROM articles a WHERE a.pk = old.article_pk);
    DELETE FROM source_outlets WHERE corpus_source_pk = old.corpus_source_pk AND sources <= 0;
    DELETE FROM corpus_sources WHERE pk = old.corpus_source_pk AND n_sources <= 0;
END;

-- A lone surname decided again moves to another identity: the same as a delete then an insert.
CREATE TRIGGER sources_counters_move AFTER UPDATE OF corpus_source_pk ON sources
WHEN old.corpus_source_pk IS NOT new.corpus_source_pk BEGIN
    UPDATE corpus_sources
       SET n_sources = n_sources - 1,
           n_attributions = n_attributions - old.n_attributions,
           n_articles = n_articles - NOT EXISTS (
               SELECT 1 FROM sources s
                WHERE s.corpus_source_pk = old.corpus_source_pk AND s.date_key = old.date_key
                  AND s.article_pk = old.article_pk)
     WHERE pk = old.corpus_source_pk;
    UPDATE corpus_sources
       SET n_sources = n_sources + 1,
           n_attributions = n_attributions + new.n_attributions,
           n_articles = n_articles + NOT EXISTS (
               SELECT 1 FROM sources s
                WHERE s.corpus_source_pk = new.corpus_source_pk AND s.date_key = new.date_key
                  AND s.article_pk = new.article_pk AND s.pk <> new.pk)
     WHERE pk = new.corpus_source_pk;
    UPDATE corpus_source_facets SET n = n - 1
     WHERE corpus_source_pk = old.corpus_source_pk
       AND (facet, value) IN (
           SELECT iif(old.lone_surname IS NULL, 'kind', 'lone-kind'), old.kind
           UNION ALL SELECT iif(old.lone_surname IS NULL, 'role', 'lone-role'), old.role_key
           UNION ALL SELECT iif(old.lone_surname IS NULL, 'affiliation', 'lone-affiliation'), old.affiliation_key);
    DELETE FROM corpus_source_facets WHERE corpus_source_pk = old.corpus_source_pk AND n <= 0;
    INSERT INTO corpus_source_facets (corpus_source_pk, facet, value, n)
        SELECT new.corpus_source_pk, f.facet, f.value, 1
          FROM (SELECT iif(new.lone_surname IS NULL, 'kind', 'lone-kind') AS facet, new.kind AS value
                UNION ALL SELECT iif(new.lone_surname IS NULL, 'role', 'lone-role'), new.role_key
                UNION ALL SELECT iif(new.lone_surname IS NULL, 'affiliation', 'lone-affiliation'), new.affiliation_key) AS f
         WHERE f.value IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + 1;
    UPDATE source_outlets SET attributions = attributions - old.n_attributions, sources = sources - 1
     WHERE old.named AND corpus_source_pk = old.corpus_source_pk
       AND (outlet, month) IN (
           SELECT coalesce(a.outlet, ''), coalesce(a.month, '') FROM articles a WHERE a.pk = old.article_pk
           UNION ALL SELECT coalesce(a.outlet, ''), '*' FROM articles a WHERE a.pk = old.article_pk
           UNION ALL SELECT '*', coalesce(a.month, '') FROM articles a WHERE a.pk = old.article_pk);
    DELETE FROM source_outlets WHERE corpus_source_pk = old.corpus_source_pk AND sources <= 0;
    INSERT INTO source_outlets (outlet, month, corpus_source_pk, attributions, sources)
        SELECT g.outlet, g.month, new.corpus_source_pk, new.n_attributions, 1
          FROM (SELECT coalesce(a.outlet, '') AS outlet, coalesce(a.month, '') AS month FROM articles a WHERE a.pk = new.article_pk
                UNION ALL SELECT coalesce(a.outlet, ''), '*' FROM articles a WHERE a.pk = new.article_pk
                UNION ALL SELECT '*', coalesce(a.month, '') FROM articles a WHERE a.pk = new.article_pk) AS g
         WHERE new.named
        ON CONFLICT DO UPDATE SET attributions = attributions + excluded.attributions, sources = sources + 1;
    DELETE FROM corpus_sources WHERE pk = old.corpus_source_pk AND n_sources <= 0;
END;
