CREATE INDEX IF NOT EXISTS events_created_idx ON events (created_at DESC);
