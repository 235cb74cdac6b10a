-- The iteration pipeline (PostgreSQL): ideas build on insights; prototypes realise an idea
-- (or a theme) in versions; test rounds gather feedback; one decision per version;
-- photos (re-encoded, no metadata) of cards and prototypes; the audit trail.
CREATE TABLE card_links (
    idea_id    UUID NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    insight_id UUID NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    PRIMARY KEY (idea_id, insight_id),
    CHECK (idea_id <> insight_id)
);
CREATE INDEX card_links_by_insight ON card_links (insight_id);

CREATE TABLE prototypes (
    id           UUID PRIMARY KEY,
    programme_id UUID NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    -- The first version's id, shared by every later version.
    lineage_id   UUID NOT NULL,
    version      INTEGER NOT NULL,
    previous_id  UUID REFERENCES prototypes (id),
    idea_id      UUID REFERENCES cards (id) ON DELETE SET NULL,
    theme_id     UUID REFERENCES themes (id) ON DELETE SET NULL,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL,
    assumption   TEXT NOT NULL,
    -- What the previous version's decision taught, carried over.
    learning     TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('open', 'iterated', 'proceed', 'dropped')),
    created_by   UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (lineage_id, version)
);
CREATE INDEX prototypes_by_idea ON prototypes (idea_id);
CREATE INDEX prototypes_by_theme ON prototypes (theme_id);

CREATE TABLE test_rounds (
    id           UUID PRIMARY KEY,
    prototype_id UUID NOT NULL REFERENCES prototypes (id) ON DELETE CASCADE,
    -- Testers join through this workshop's code.
    workshop_id  UUID NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    place        TEXT NOT NULL,
    target_group TEXT NOT NULL,
    starts_at    TIMESTAMP NOT NULL,
    open         BOOLEAN NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX test_rounds_by_prototype ON test_rounds (prototype_id);
CREATE INDEX test_rounds_by_workshop ON test_rounds (workshop_id);

CREATE TABLE feedback (
    id             UUID PRIMARY KEY,
    round_id       UUID NOT NULL REFERENCES test_rounds (id) ON DELETE CASCADE,
    participant_id UUID REFERENCES participants (id) ON DELETE SET NULL,
    -- Set when staff record feedback from an interview.
    user_id        UUID REFERENCES users (id) ON DELETE SET NULL,
    worked         TEXT NOT NULL,
    not_worked     TEXT NOT NULL,
    suggestion     TEXT NOT NULL,
    rating         INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX feedback_by_round ON feedback (round_id, created_at);

CREATE TABLE decisions (
    id                UUID PRIMARY KEY,
    prototype_id      UUID NOT NULL UNIQUE REFERENCES prototypes (id) ON DELETE CASCADE,
    outcome           TEXT NOT NULL CHECK (outcome IN ('iterate', 'proceed', 'drop')),
    reason            TEXT NOT NULL,
    learning          TEXT NOT NULL,
    next_prototype_id UUID REFERENCES prototypes (id),
    decided_by        UUID REFERENCES users (id) ON DELETE SET NULL,
    decider_name      TEXT NOT NULL,
    decided_at        TIMESTAMPTZ NOT NULL
);

CREATE TABLE photos (
    id             UUID PRIMARY KEY,
    card_id        UUID REFERENCES cards (id) ON DELETE CASCADE,
    prototype_id   UUID REFERENCES prototypes (id) ON DELETE CASCADE,
    participant_id UUID REFERENCES participants (id) ON DELETE SET NULL,
    user_id        UUID REFERENCES users (id) ON DELETE SET NULL,
    width          INTEGER NOT NULL,
    height         INTEGER NOT NULL,
    -- Re-encoded JPEG without metadata, and its thumbnail.
    image          BYTEA NOT NULL,
    thumbnail      BYTEA NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    CHECK ((card_id IS NULL) <> (prototype_id IS NULL))
);
CREATE INDEX photos_by_card ON photos (card_id);
CREATE INDEX photos_by_prototype ON photos (prototype_id, created_at);

-- Who did what, when: kept when the user or the subject is gone.
CREATE TABLE audit_events (
    id           UUID PRIMARY KEY,
    at           TIMESTAMPTZ NOT NULL,
    actor_id     UUID REFERENCES users (id) ON DELETE SET NULL,
    actor_name   TEXT NOT NULL,
    action       TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_id   UUID NOT NULL,
    detail       TEXT NOT NULL
);
CREATE INDEX audit_by_subject ON audit_events (subject_id, at);
CREATE INDEX audit_by_time ON audit_events (at);
