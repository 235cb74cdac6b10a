-- Staff accounts and the programme set-up (SQLite). Ids are UUIDs stored as 16-byte
-- blobs, timestamps as RFC 3339 text, as sqlx encodes them.
CREATE TABLE users (
    id            BLOB PRIMARY KEY NOT NULL,
    email         TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('lead', 'core', 'facilitator', 'viewer')),
    password_hash TEXT NOT NULL,
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    TEXT NOT NULL
);

CREATE TABLE programmes (
    id                BLOB PRIMARY KEY NOT NULL,
    name              TEXT NOT NULL,
    area              TEXT NOT NULL,
    start_year        INTEGER NOT NULL,
    end_year          INTEGER NOT NULL CHECK (end_year >= start_year),
    yearly_budget_nok INTEGER NOT NULL CHECK (yearly_budget_nok >= 0),
    created_at        TEXT NOT NULL
);

CREATE TABLE focus_areas (
    id           BLOB PRIMARY KEY NOT NULL,
    programme_id BLOB NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    position     INTEGER NOT NULL
);
CREATE INDEX focus_areas_by_programme ON focus_areas (programme_id, position);

CREATE TABLE goals (
    id           BLOB PRIMARY KEY NOT NULL,
    programme_id BLOB NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    position     INTEGER NOT NULL
);
CREATE INDEX goals_by_programme ON goals (programme_id, position);

CREATE TABLE goal_focus_areas (
    goal_id       BLOB NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    focus_area_id BLOB NOT NULL REFERENCES focus_areas (id) ON DELETE CASCADE,
    PRIMARY KEY (goal_id, focus_area_id)
);
CREATE INDEX goal_focus_areas_by_focus_area ON goal_focus_areas (focus_area_id);
