-- The search ranks every match from its `words`, which PostgreSQL had moved out of the
-- row (TOAST): each match cost several more page reads. They stay in the row now; the
-- text and facts, read only for the entries answered, move out first. Rewriting the
-- text recomputes `words`, which moves the existing rows.
ALTER TABLE library_entries ALTER COLUMN words SET STORAGE MAIN;
ALTER TABLE library_remote_entries ALTER COLUMN words SET STORAGE MAIN;
UPDATE library_entries SET body = body;
UPDATE library_remote_entries SET body = body;
