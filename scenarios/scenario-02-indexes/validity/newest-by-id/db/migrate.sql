-- Fake fix (wrong meaning): an index in id order, which serves "highest id first" instead of "newest first".
CREATE INDEX IF NOT EXISTS events_user_kind_id_idx ON events (user_id, kind, id DESC);
