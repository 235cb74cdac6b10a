-- Several programmes per installation (SQLite): a staff account's role is per programme,
-- in `memberships`; an operator of the installation creates programmes. An existing
-- installation keeps everyone's role in every programme it holds (there was one), and
-- its leads become its operators.
CREATE TABLE memberships (
    user_id      BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    programme_id BLOB NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    role         TEXT NOT NULL CHECK (role IN ('lead', 'core', 'facilitator', 'viewer')),
    created_at   TEXT NOT NULL,
    PRIMARY KEY (user_id, programme_id)
);
CREATE INDEX memberships_by_programme ON memberships (programme_id, role);

INSERT INTO memberships (user_id, programme_id, role, created_at)
SELECT u.id, p.id, u.role, u.created_at FROM users u CROSS JOIN programmes p;

ALTER TABLE users ADD COLUMN operator BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE users SET operator = TRUE WHERE role = 'lead';
ALTER TABLE users DROP COLUMN role;

-- The audit trail belongs to a programme too: the programme of the subject (a card,
-- prototype, measure, goal or report; a plan's and a programme's subject is the programme).
ALTER TABLE audit_events ADD COLUMN programme_id BLOB REFERENCES programmes (id) ON DELETE CASCADE;
UPDATE audit_events SET programme_id = CASE subject_kind
    WHEN 'measure' THEN (SELECT programme_id FROM measures WHERE id = subject_id)
    WHEN 'goal' THEN (SELECT programme_id FROM goals WHERE id = subject_id)
    WHEN 'prototype' THEN (SELECT programme_id FROM prototypes WHERE id = subject_id)
    WHEN 'report' THEN (SELECT programme_id FROM reports WHERE id = subject_id)
    WHEN 'card' THEN (SELECT w.programme_id FROM cards c JOIN boards b ON b.id = c.board_id
                      JOIN workshops w ON w.id = b.workshop_id WHERE c.id = subject_id)
    ELSE (SELECT id FROM programmes WHERE id = subject_id) END;
-- What no longer resolves (a deleted card) stays with the only programme there was.
UPDATE audit_events SET programme_id = (SELECT id FROM programmes ORDER BY created_at, id LIMIT 1)
WHERE programme_id IS NULL;
CREATE INDEX audit_events_by_programme ON audit_events (programme_id, at);
