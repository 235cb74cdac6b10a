-- A search with words and no filter, the commonest, now ranks in the full-text index
-- alone: the index holds only what a search can find, shared local entries at positive
-- rowids and fetched ones at negative rowids (the public search skips those by rowid),
-- so it no longer looks each match up in the entries.
DELETE FROM library_search;
INSERT INTO library_search (rowid, entry_id, title, body)
    SELECT ROW_NUMBER() OVER (ORDER BY updated_at, id), id, title, body
    FROM library_entries WHERE shared = TRUE;
INSERT INTO library_search (rowid, entry_id, title, body)
    SELECT -ROW_NUMBER() OVER (ORDER BY updated_at, id), id, title, body
    FROM library_remote_entries;
