-- The library search ranks every match, and computing each one's vector from its text
-- took most of its time: the vectors are now stored, indexed and ranked from.
ALTER TABLE library_entries ADD COLUMN words tsvector
    GENERATED ALWAYS AS (to_tsvector('norwegian', title || ' ' || body)) STORED;
DROP INDEX library_entries_search;
CREATE INDEX library_entries_words ON library_entries USING GIN (words);

ALTER TABLE library_remote_entries ADD COLUMN words tsvector
    GENERATED ALWAYS AS (to_tsvector('norwegian', title || ' ' || body)) STORED;
DROP INDEX library_remote_entries_search;
CREATE INDEX library_remote_entries_words ON library_remote_entries USING GIN (words);
