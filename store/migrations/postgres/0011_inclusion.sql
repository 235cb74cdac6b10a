-- Inclusion and privacy. A card may carry the key its device made for it, so a post
-- retried after a lost connection is stored once. A workshop records when it closed;
-- the programme's retention period counts from then, after which the workshop's
-- participants lose their nickname and token (`erased_at`) and their cards stay
-- anonymous. Participation targets per age band feed the diversity view.
ALTER TABLE cards ADD COLUMN client_key UUID;
CREATE UNIQUE INDEX cards_by_client_key ON cards (client_key) WHERE client_key IS NOT NULL;

ALTER TABLE workshops ADD COLUMN closed_at TIMESTAMPTZ;
-- When workshops closed before this was kept is unknown: the retention counts from now.
UPDATE workshops SET closed_at = now() WHERE status = 'closed';

ALTER TABLE participants ADD COLUMN erased_at TIMESTAMPTZ;

ALTER TABLE programmes ADD COLUMN retention_days INTEGER NOT NULL DEFAULT 90
    CHECK (retention_days BETWEEN 1 AND 3650);

CREATE TABLE participation_targets (
    programme_id UUID NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    age_band     TEXT NOT NULL CHECK (age_band IN ('under_16', '16_19', '20_34', '35_66', 'over_66')),
    percent      INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
    PRIMARY KEY (programme_id, age_band)
);
