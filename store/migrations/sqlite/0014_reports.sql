-- Reports to the steering group and the ministry (SQLite): each report's kind and
-- period, its sections' free text, and its frozen versions (the document as JSON).
CREATE TABLE reports (
    id           BLOB PRIMARY KEY NOT NULL,
    programme_id BLOB NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('status', 'half_year', 'annual')),
    year         INTEGER NOT NULL,
    period_from  TEXT NOT NULL,
    period_to    TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    -- How many versions have been frozen; the next is this plus one.
    versions     INTEGER NOT NULL DEFAULT 0,
    CHECK (period_from <= period_to)
);
CREATE INDEX reports_by_programme ON reports (programme_id, period_to);

CREATE TABLE report_texts (
    report_id  BLOB NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    section    TEXT NOT NULL,
    body       TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (report_id, section)
);

CREATE TABLE report_versions (
    report_id BLOB NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    version   INTEGER NOT NULL,
    frozen_at TEXT NOT NULL,
    frozen_by TEXT NOT NULL,
    -- The report exactly as frozen (ReportDocument as JSON).
    document  TEXT NOT NULL,
    PRIMARY KEY (report_id, version)
);
