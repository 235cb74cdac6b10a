-- Moderation: a card is visible, hidden by a facilitator or by reports (with a note),
-- or held for approval (word list or pre-moderation); participants report cards; each
-- workshop sets how many reports hide a card and whether every post is held.
ALTER TABLE cards ADD COLUMN status TEXT NOT NULL DEFAULT 'visible' CHECK (status IN ('visible', 'hidden', 'held'));
ALTER TABLE cards ADD COLUMN moderation_note TEXT NOT NULL DEFAULT '';
ALTER TABLE workshops ADD COLUMN report_threshold INTEGER NOT NULL DEFAULT 3;
ALTER TABLE workshops ADD COLUMN premoderation BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE card_reports (
    card_id     UUID NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    reporter_id UUID NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (card_id, reporter_id)
);
