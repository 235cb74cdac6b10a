-- Following measures up through the year (SQLite): the staff member responsible for a
-- measure, what was spent on it by funding source, and dated progress notes.
ALTER TABLE measures ADD COLUMN responsible_id BLOB REFERENCES users (id) ON DELETE SET NULL;

CREATE TABLE measure_spending (
    id          BLOB PRIMARY KEY NOT NULL,
    measure_id  BLOB NOT NULL REFERENCES measures (id) ON DELETE CASCADE,
    spent_on    TEXT NOT NULL,
    source      TEXT NOT NULL CHECK (source IN ('grant', 'municipality', 'other_grants', 'carried_over')),
    amount_nok  INTEGER NOT NULL CHECK (amount_nok > 0),
    note        TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX measure_spending_by_measure ON measure_spending (measure_id, spent_on);

CREATE TABLE measure_progress (
    id          BLOB PRIMARY KEY NOT NULL,
    measure_id  BLOB NOT NULL REFERENCES measures (id) ON DELETE CASCADE,
    noted_on    TEXT NOT NULL,
    done        TEXT NOT NULL,
    results     TEXT NOT NULL,
    barriers    TEXT NOT NULL,
    next_steps  TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX measure_progress_by_measure ON measure_progress (measure_id, noted_on);
