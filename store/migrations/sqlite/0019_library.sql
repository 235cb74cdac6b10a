-- The learning library (SQLite): one entry per decided prototype lineage or finished
-- measure, its facts as saved (EntryFacts as JSON), the columns the filters read, and
-- an FTS5 index of its text that the store keeps in step in the same transaction.
CREATE TABLE library_entries (
    id           BLOB PRIMARY KEY NOT NULL,
    programme_id BLOB NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('prototype', 'measure')),
    -- The prototype lineage (its first version's id) or the measure.
    source_id    BLOB NOT NULL UNIQUE,
    outcome      TEXT NOT NULL CHECK (outcome IN ('proceeded', 'dropped', 'completed')),
    title        TEXT NOT NULL,
    focus_area   TEXT NOT NULL,
    target_group TEXT NOT NULL,
    year         INTEGER NOT NULL,
    summary      TEXT NOT NULL,
    -- Everything searchable, as one text (EntryFacts::searchable).
    body         TEXT NOT NULL,
    facts        TEXT NOT NULL,
    shared       BOOLEAN NOT NULL DEFAULT FALSE,
    updated_by   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX library_entries_by_programme ON library_entries (programme_id, updated_at);
CREATE INDEX library_entries_shared ON library_entries (shared, updated_at);

-- Words are split on Unicode letters, and æ, ø, å kept apart from a, o.
CREATE VIRTUAL TABLE library_search USING fts5 (
    entry_id UNINDEXED,
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 0'
);
