-- Other installations' library feeds a programme subscribes to (SQLite), and the
-- entries last fetched from each: replaced whole on every fetch that succeeds, kept
-- when one fails. Fetched entries are indexed in `library_search` with the local ones.
CREATE TABLE library_feeds (
    id           BLOB PRIMARY KEY NOT NULL,
    programme_id BLOB NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    url          TEXT NOT NULL,
    added_by     TEXT NOT NULL,
    added_at     TEXT NOT NULL,
    -- The last fetch that succeeded.
    fetched_at   TEXT,
    -- Why the last try failed (FeedProblem as JSON); '' when it succeeded.
    problem      TEXT NOT NULL DEFAULT '',
    UNIQUE (programme_id, url)
);

CREATE TABLE library_remote_entries (
    -- Ours, the search index's key.
    id           BLOB PRIMARY KEY NOT NULL,
    feed_id      BLOB NOT NULL REFERENCES library_feeds (id) ON DELETE CASCADE,
    -- The entry's id where it was published (stable there).
    remote_id    BLOB NOT NULL,
    -- The host of the feed it came from.
    origin       TEXT NOT NULL,
    programme    TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('prototype', 'measure')),
    outcome      TEXT NOT NULL CHECK (outcome IN ('proceeded', 'dropped', 'completed')),
    title        TEXT NOT NULL,
    focus_area   TEXT NOT NULL,
    target_group TEXT NOT NULL,
    year         INTEGER NOT NULL,
    summary      TEXT NOT NULL,
    body         TEXT NOT NULL,
    facts        TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (feed_id, remote_id)
);
