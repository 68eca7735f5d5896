-- Rule provenance (schema accordingto/1, field "rules"): the ids of the rules that made or
-- changed each attribution and each source. Stored as a JSON list; empty for analyses
-- stored before rules had ids (re-ingesting re-analyses them: their analysis version differs).
ALTER TABLE attributions ADD COLUMN rules TEXT NOT NULL DEFAULT '[]';
ALTER TABLE sources ADD COLUMN rules TEXT NOT NULL DEFAULT '[]';
-- Figures keep both ends of a range or score, and the rules that found them.
ALTER TABLE claims ADD COLUMN value_to REAL;
ALTER TABLE claims ADD COLUMN rules TEXT NOT NULL DEFAULT '[]';
