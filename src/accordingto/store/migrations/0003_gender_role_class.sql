-- Who is quoted (schema accordingto/1, source fields "gender", "gender_basis",
-- "gender_evidence", "role_class"): a person source's gender as the text states it, the spans
-- that decided it (compact spans, as "mentions"), and every source's role class. Sources
-- stored before these fields read back as unknown, with no evidence (re-ingesting re-analyses
-- them: their analysis version differs).
ALTER TABLE sources ADD COLUMN gender TEXT NOT NULL DEFAULT 'unknown';
ALTER TABLE sources ADD COLUMN gender_basis TEXT NOT NULL DEFAULT 'none';
ALTER TABLE sources ADD COLUMN gender_evidence TEXT NOT NULL DEFAULT '[]';
ALTER TABLE sources ADD COLUMN role_class TEXT NOT NULL DEFAULT 'unknown';
