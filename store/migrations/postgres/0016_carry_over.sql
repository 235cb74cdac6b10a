-- The year-end carry-over (PostgreSQL): the unspent grant of a year, as the lead
-- confirmed it, carried into the next plan year as "overført fra året før".
CREATE TABLE plan_carry_over (
    programme_id UUID NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    -- The plan year it is carried into.
    year         INTEGER NOT NULL,
    amount_nok   BIGINT NOT NULL CHECK (amount_nok >= 0),
    confirmed_by TEXT NOT NULL,
    confirmed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (programme_id, year)
);
