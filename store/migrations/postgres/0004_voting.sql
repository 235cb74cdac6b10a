-- Dot-voting: a board's open round (its dot budget per voter, or NULL when no round is
-- open), whether totals are shown to participants, and one row per dot placed.
ALTER TABLE boards ADD COLUMN vote_budget INTEGER;
ALTER TABLE boards ADD COLUMN votes_visible BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE boards ADD COLUMN vote_round BIGINT NOT NULL DEFAULT 0;

CREATE TABLE votes (
    id       UUID PRIMARY KEY,
    board_id UUID NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    round    BIGINT NOT NULL,
    card_id  UUID NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    voter_id UUID NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX votes_by_voter ON votes (board_id, round, voter_id);
CREATE INDEX votes_by_card ON votes (card_id, round);
