-- Receipt codes: a participant keeps one per card to look up later, from any device,
-- what became of it. The code is the only key; it names no one.
CREATE TABLE receipts (
    code       TEXT PRIMARY KEY NOT NULL,
    card_id    BLOB NOT NULL UNIQUE REFERENCES cards (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL
);
