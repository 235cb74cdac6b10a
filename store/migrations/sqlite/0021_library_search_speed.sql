-- The library search's first step reads, for each match, only the columns its filters
-- read; these covering indexes hold them, so it never reads an entry's text or facts
-- (the search names them with INDEXED BY).
CREATE INDEX library_entries_found ON library_entries
    (id, shared, outcome, kind, focus_area, target_group, year, programme_id, updated_at);
CREATE INDEX library_remote_entries_found ON library_remote_entries
    (id, outcome, kind, focus_area, target_group, year, updated_at);
