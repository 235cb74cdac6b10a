-- The action plan (SQLite): measures promoted from proceeded prototypes (or ideas, with
-- a justification), their goals and risks; one plan row per programme year with its
-- status and a revision counter; frozen (adopted) versions as JSON snapshots.
CREATE TABLE measures (
    id               BLOB PRIMARY KEY NOT NULL,
    programme_id     BLOB NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    year             INTEGER NOT NULL,
    focus_area_id    BLOB REFERENCES focus_areas (id) ON DELETE SET NULL,
    -- Place among the measures of the same year and focus area.
    rank             INTEGER NOT NULL,
    -- One measure per proceeded version; or an idea promoted with a justification.
    prototype_id     BLOB UNIQUE REFERENCES prototypes (id) ON DELETE SET NULL,
    idea_id          BLOB REFERENCES cards (id) ON DELETE SET NULL,
    justification    TEXT NOT NULL,
    title            TEXT NOT NULL,
    what             TEXT NOT NULL,
    expected_result  TEXT NOT NULL,
    grant_nok        INTEGER NOT NULL CHECK (grant_nok >= 0),
    municipality_nok INTEGER NOT NULL CHECK (municipality_nok >= 0),
    other_grants_nok INTEGER NOT NULL CHECK (other_grants_nok >= 0),
    carried_over_nok INTEGER NOT NULL CHECK (carried_over_nok >= 0),
    starts_on        TEXT NOT NULL,
    ends_on          TEXT NOT NULL,
    partners         TEXT NOT NULL,
    contribution     TEXT NOT NULL,
    owner            TEXT NOT NULL,
    indicators       TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('candidate', 'prioritised', 'adopted', 'in_progress', 'done', 'dropped')),
    drop_reason      TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    CHECK (ends_on >= starts_on)
);
CREATE INDEX measures_by_year ON measures (programme_id, year, rank);

CREATE TABLE measure_goals (
    measure_id BLOB NOT NULL REFERENCES measures (id) ON DELETE CASCADE,
    goal_id    BLOB NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    PRIMARY KEY (measure_id, goal_id)
);

CREATE TABLE measure_risks (
    id          BLOB PRIMARY KEY NOT NULL,
    measure_id  BLOB NOT NULL REFERENCES measures (id) ON DELETE CASCADE,
    risk        TEXT NOT NULL,
    probability TEXT NOT NULL CHECK (probability IN ('low', 'medium', 'high')),
    consequence TEXT NOT NULL CHECK (consequence IN ('low', 'medium', 'high')),
    mitigation  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX measure_risks_by_measure ON measure_risks (measure_id, created_at);

-- A row appears with the first change of a year. `revision` counts changes to the
-- year's measures, so an adoption freezes exactly the plan it was shown.
CREATE TABLE plans (
    programme_id BLOB NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    year         INTEGER NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('draft', 'proposed', 'adopted', 'sent')),
    version      INTEGER NOT NULL,
    revision     INTEGER NOT NULL,
    PRIMARY KEY (programme_id, year)
);

CREATE TABLE plan_versions (
    programme_id BLOB NOT NULL,
    year         INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    adopted_on   TEXT NOT NULL,
    adopted_by   TEXT NOT NULL,
    sent_on      TEXT,
    frozen_at    TEXT NOT NULL,
    frozen_by    TEXT NOT NULL,
    -- The plan exactly as adopted (PlanSnapshot as JSON).
    snapshot     TEXT NOT NULL,
    PRIMARY KEY (programme_id, year, version),
    FOREIGN KEY (programme_id, year) REFERENCES plans (programme_id, year) ON DELETE CASCADE
);
