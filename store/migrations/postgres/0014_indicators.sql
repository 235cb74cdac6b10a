-- Indicators (PostgreSQL): what a measure or a programme goal is followed by (a name, a
-- unit, a baseline and a target), and dated readings of it with their source; and stopped measures.
CREATE TABLE indicators (
    id             UUID PRIMARY KEY,
    programme_id   UUID NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    -- Exactly one of the two: a measure's indicator or a goal's.
    measure_id     UUID REFERENCES measures (id) ON DELETE CASCADE,
    goal_id        UUID REFERENCES goals (id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    unit           TEXT NOT NULL,
    baseline_value DOUBLE PRECISION NOT NULL,
    baseline_on    DATE NOT NULL,
    target_value   DOUBLE PRECISION NOT NULL,
    target_on      DATE NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    CHECK ((measure_id IS NULL) <> (goal_id IS NULL)),
    CHECK (target_on >= baseline_on)
);
CREATE INDEX indicators_by_measure ON indicators (measure_id);
CREATE INDEX indicators_by_goal ON indicators (goal_id);
CREATE INDEX indicators_by_programme ON indicators (programme_id, created_at);

CREATE TABLE indicator_readings (
    id           UUID PRIMARY KEY,
    indicator_id UUID NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    measured_on  DATE NOT NULL,
    value        DOUBLE PRECISION NOT NULL,
    source       TEXT NOT NULL CHECK (source IN ('statistics', 'survey', 'workshop')),
    -- Where the figure comes from: a web address or a path in Samskap (a workshop).
    link         TEXT NOT NULL,
    note         TEXT NOT NULL,
    recorded_by  TEXT NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL
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
