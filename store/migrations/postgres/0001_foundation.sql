-- Staff accounts and the programme set-up (PostgreSQL).
CREATE TABLE users (
    id            UUID PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('lead', 'core', 'facilitator', 'viewer')),
    password_hash TEXT NOT NULL,
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE programmes (
    id                UUID PRIMARY KEY,
    name              TEXT NOT NULL,
    area              TEXT NOT NULL,
    start_year        INTEGER NOT NULL,
    end_year          INTEGER NOT NULL CHECK (end_year >= start_year),
    yearly_budget_nok BIGINT NOT NULL CHECK (yearly_budget_nok >= 0),
    created_at        TIMESTAMPTZ NOT NULL
);

CREATE TABLE focus_areas (
    id           UUID PRIMARY KEY,
    programme_id UUID NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    position     INTEGER NOT NULL
);
CREATE INDEX focus_areas_by_programme ON focus_areas (programme_id, position);

CREATE TABLE goals (
    id           UUID PRIMARY KEY,
    programme_id UUID NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    position     INTEGER NOT NULL
);
CREATE INDEX goals_by_programme ON goals (programme_id, position);

CREATE TABLE goal_focus_areas (
    goal_id       UUID NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    focus_area_id UUID NOT NULL REFERENCES focus_areas (id) ON DELETE CASCADE,
    PRIMARY KEY (goal_id, focus_area_id)
);
CREATE INDEX goal_focus_areas_by_focus_area ON goal_focus_areas (focus_area_id);
