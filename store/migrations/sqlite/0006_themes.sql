-- Themes: a facilitator's clusters of cards on a board.
CREATE TABLE themes (
    id         BLOB PRIMARY KEY NOT NULL,
    board_id   BLOB NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    position   INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX themes_by_board ON themes (board_id, position);
ALTER TABLE cards ADD COLUMN theme_id BLOB REFERENCES themes (id) ON DELETE SET NULL;
