-- Evaluators (*følgeevaluering*): a read-only role with the evaluation exports, per
-- programme like the others. SQLite cannot change a CHECK, so the table is rebuilt.
CREATE TABLE memberships_new (
    user_id      BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    programme_id BLOB NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    role         TEXT NOT NULL
                 CHECK (role IN ('lead', 'core', 'facilitator', 'viewer', 'evaluator')),
    created_at   TEXT NOT NULL,
    PRIMARY KEY (user_id, programme_id)
);
INSERT INTO memberships_new (user_id, programme_id, role, created_at)
SELECT user_id, programme_id, role, created_at FROM memberships;
DROP TABLE memberships;
ALTER TABLE memberships_new RENAME TO memberships;
CREATE INDEX memberships_by_programme ON memberships (programme_id, role);

-- "plans" became a reserved slug (`/public/plans/…` is an old path): a programme that
-- got it from its name gets the fallback instead.
UPDATE programmes SET slug = 'programme-' || lower(hex(substr(id, 1, 4))) WHERE slug = 'plans';
