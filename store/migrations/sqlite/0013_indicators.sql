-- Indicators (SQLite): what a measure or a programme goal is followed by (a name, a
-- unit, a baseline and a target), and dated readings of it with their source; and stopped measures.
CREATE TABLE indicators (
    id             BLOB PRIMARY KEY NOT NULL,
    programme_id   BLOB NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    -- Exactly one of the two: a measure's indicator or a goal's.
    measure_id     BLOB REFERENCES measures (id) ON DELETE CASCADE,
    goal_id        BLOB REFERENCES goals (id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    unit           TEXT NOT NULL,
    baseline_value REAL NOT NULL,
    baseline_on    TEXT NOT NULL,
    target_value   REAL NOT NULL,
    target_on      TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    CHECK ((measure_id IS NULL) <> (goal_id IS NULL)),
    CHECK (target_on >= baseline_on)
);
CREATE INDEX indicators_by_measure ON indicators (measure_id);
CREATE INDEX indicators_by_goal ON indicators (goal_id);
CREATE INDEX indicators_by_programme ON indicators (programme_id, created_at);

CREATE TABLE indicator_readings (
    id           BLOB PRIMARY KEY NOT NULL,
    indicator_id BLOB NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    measured_on  TEXT NOT NULL,
    value        REAL NOT NULL,
    source       TEXT NOT NULL CHECK (source IN ('statistics', 'survey', 'workshop')),
    -- Where the figure comes from: a web address or a path in Samskap (a workshop).
    link         TEXT NOT NULL,
    note         TEXT NOT NULL,
    recorded_by  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);
CREATE INDEX indicator_readings_by_indicator ON indicator_readings (indicator_id, measured_on);

-- A measure dropped after adoption is stopped: it stays in its adopted plan and is
-- followed up; one dropped before never was in a plan.
ALTER TABLE measures ADD COLUMN stopped BOOLEAN NOT NULL DEFAULT FALSE;
-- Measures stopped before this column existed: dropped, and the last status move was
-- from adopted or in progress (the audit trail says).
UPDATE measures SET stopped = TRUE
WHERE status = 'dropped'
  AND (SELECT CASE WHEN a.detail LIKE 'adopted →%' OR a.detail LIKE 'in_progress →%' THEN 1 ELSE 0 END
       FROM audit_events a
       WHERE a.subject_id = measures.id AND a.action = 'measure_status'
       ORDER BY a.at DESC LIMIT 1) = 1;
