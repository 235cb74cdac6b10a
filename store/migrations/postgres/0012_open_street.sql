-- Ready for the open street (issue 16): a workshop may cap how many participants join
-- it (NULL: no cap), so one person cannot play a crowd.
ALTER TABLE workshops ADD COLUMN participant_cap INTEGER CHECK (participant_cap IS NULL OR participant_cap > 0);
CREATE INDEX participants_by_workshop_time ON participants (workshop_id, created_at);
