-- Workshops, boards, participants, cards and each board's event log (PostgreSQL).
CREATE TABLE workshops (
    id           UUID PRIMARY KEY,
    programme_id UUID NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    title        TEXT NOT NULL,
    place        TEXT NOT NULL,
    starts_at    TIMESTAMP NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('planned', 'live', 'closed')),
    join_code    TEXT NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX workshops_by_programme ON workshops (programme_id, starts_at);

CREATE TABLE workshop_focus_areas (
    workshop_id   UUID NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    focus_area_id UUID NOT NULL REFERENCES focus_areas (id) ON DELETE CASCADE,
    PRIMARY KEY (workshop_id, focus_area_id)
);

CREATE TABLE workshop_facilitators (
    workshop_id UUID NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    user_id     UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (workshop_id, user_id)
);

CREATE TABLE boards (
    id            UUID PRIMARY KEY,
    workshop_id   UUID NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    prompt        TEXT NOT NULL,
    phase         TEXT NOT NULL CHECK (phase IN ('explore', 'understand', 'shape', 'test')),
    posting_open  BOOLEAN NOT NULL,
    allowed_kinds TEXT NOT NULL,
    hide_others   BOOLEAN NOT NULL,
    timer_ends_at TIMESTAMPTZ,
    -- The board's event sequence: bumped in the same transaction as each logged change.
    last_seq      BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX boards_by_workshop ON boards (workshop_id, position);

CREATE TABLE participants (
    id          UUID PRIMARY KEY,
    workshop_id UUID NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL UNIQUE,
    nickname    TEXT NOT NULL,
    age_band    TEXT,
    role        TEXT,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX participants_by_workshop ON participants (workshop_id);

CREATE TABLE cards (
    id             UUID PRIMARY KEY,
    board_id       UUID NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    seq            BIGINT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('insight', 'idea', 'prototype', 'feedback')),
    body           TEXT NOT NULL,
    focus_area_id  UUID REFERENCES focus_areas (id) ON DELETE SET NULL,
    participant_id UUID REFERENCES participants (id) ON DELETE SET NULL,
    user_id        UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX cards_by_board ON cards (board_id, seq);

CREATE TABLE board_events (
    board_id UUID NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    seq      BIGINT NOT NULL,
    subject  TEXT NOT NULL CHECK (subject IN ('card', 'card_removed', 'board', 'votes', 'themes')),
    card_id  UUID,
    PRIMARY KEY (board_id, seq)
);
