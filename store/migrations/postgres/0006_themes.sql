-- Themes: a facilitator's clusters of cards on a board.
CREATE TABLE themes (
    id         UUID PRIMARY KEY,
    board_id   UUID NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    position   INTEGER NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX themes_by_board ON themes (board_id, position);
ALTER TABLE cards ADD COLUMN theme_id UUID REFERENCES themes (id) ON DELETE SET NULL;
