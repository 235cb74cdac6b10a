-- The search ranks every match from its `words`, which PostgreSQL had moved out of the
-- row (TOAST): each match cost several more page reads. The text and facts, read only
-- for the entries answered, now move out first, so `words` stays in the row unless the
-- row cannot fit a page without it. Rewriting the text recomputes `words`, which moves
-- the existing rows (a library is hundreds of entries: the table lock is brief).
ALTER TABLE library_entries ALTER COLUMN words SET STORAGE MAIN;
ALTER TABLE library_remote_entries ALTER COLUMN words SET STORAGE MAIN;
UPDATE library_entries SET body = body;
UPDATE library_remote_entries SET body = body;
