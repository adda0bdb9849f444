-- Validity variant (another correct fix): the composite index with kind first. Leading with a low-cardinality column
-- is harmless here because the query has equality on both kind and user_id: PostgreSQL descends straight to
-- (kind, user_id) and reads that user's events of the kind newest first, then stops after 20. The order would matter
-- for a query on user_id alone, which this index cannot serve.
-- It also starts with kind, so it serves anything the old index on kind served; that one is dropped.
CREATE INDEX IF NOT EXISTS events_kind_user_created_idx ON events (kind, user_id, created_at DESC);
DROP INDEX IF EXISTS events_kind_idx;
