-- The learning library (PostgreSQL): one entry per decided prototype lineage or
-- finished measure, its facts as saved (EntryFacts as JSON), the columns the filters
-- read, and a Norwegian full-text index of its title and text.
CREATE TABLE library_entries (
    id           UUID PRIMARY KEY,
    programme_id UUID NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('prototype', 'measure')),
    -- The prototype lineage (its first version's id) or the measure.
    source_id    UUID NOT NULL UNIQUE,
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
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX library_entries_by_programme ON library_entries (programme_id, updated_at);
CREATE INDEX library_entries_shared ON library_entries (shared, updated_at);
-- The store's search repeats this expression exactly, so the planner uses the index.
CREATE INDEX library_entries_search ON library_entries
    USING GIN (to_tsvector('norwegian', title || ' ' || body));
