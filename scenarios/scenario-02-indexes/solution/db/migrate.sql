-- Schema changes. This file runs every time the app starts, so keep every statement idempotent.

-- WHY: the activity page asks for one user's events of one kind, newest first:
--   WHERE user_id = $1 AND kind = $2 ORDER BY created_at DESC LIMIT 20
-- The existing index on kind cannot help: kind has 4 values, and 'page_view' alone is 60% of 3,000,000 rows. An index
-- is only useful when its leading column narrows the rows down a lot (high cardinality / selectivity). EXPLAIN ANALYZE
-- shows PostgreSQL ignoring it and scanning the whole table, removing almost every row with the filter.
--
-- This composite index puts the most selective column first (user_id: ~30 rows each), then the equality column (kind),
-- then the sort column (created_at DESC). PostgreSQL jumps straight to (user, kind), reads the rows already in the order
-- the query wants, and stops after 20: no sort, no filter.
CREATE INDEX IF NOT EXISTS events_user_kind_created_idx ON events (user_id, kind, created_at DESC);

-- The old index costs a write on every INSERT and helps no query we run. Drop it.
-- TRADE-OFF: check first that nothing else relies on it (pg_stat_user_indexes.idx_scan shows how often it is used).
DROP INDEX IF EXISTS events_kind_idx;
