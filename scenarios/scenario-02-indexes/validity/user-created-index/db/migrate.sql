CREATE INDEX IF NOT EXISTS events_user_created_idx ON events (user_id, created_at DESC);
