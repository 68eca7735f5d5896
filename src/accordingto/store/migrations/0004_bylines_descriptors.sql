-- Who writes and why a source would know (schema accordingto/1): an article's authors in
-- byline order (one row each, so statistics can group by author), its section or desk and its
-- wire credit; a source's descriptors (compact spans, as "mentions") and a group's members by
-- gender when the text states them ({"female": 3, "male": 1}). Articles stored before read back
-- with no authors (their "author" string stays), sources with no descriptors.
ALTER TABLE articles ADD COLUMN section TEXT;
ALTER TABLE articles ADD COLUMN wire TEXT;
CREATE TABLE article_authors (
    article_pk INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (article_pk, position)
);
CREATE INDEX article_authors_name ON article_authors (name);
ALTER TABLE sources ADD COLUMN descriptors TEXT NOT NULL DEFAULT '[]';
ALTER TABLE sources ADD COLUMN gender_counts TEXT NOT NULL DEFAULT '{}';
