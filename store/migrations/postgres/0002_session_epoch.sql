-- Sessions remember the epoch they were signed in under; changing the password or the
-- active flag bumps it, which ends every older session of that user.
ALTER TABLE users ADD COLUMN session_epoch BIGINT NOT NULL DEFAULT 0;
