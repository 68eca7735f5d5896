-- Who gets quoted (issue 13): a list of corpus sources reads the gender and role class of every
-- article-level source of the identities it shows (the most quoted have thousands), and
-- filters on them. These are the last columns of the wide sources rows; an index holding them
-- beside the identity answers those reads without the rows (28 ms -> 6 ms on 10,000 synthetic
-- articles, docs/database.md).
CREATE INDEX sources_identity_who ON sources (corpus_source_pk, gender, gender_basis, role_class);
