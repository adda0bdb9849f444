-- Alternative fix: an index that starts with customer_id, sorted newest first, and carries the columns the history
-- returns, so the page reads the index alone (an index-only scan once the table is vacuumed).
CREATE INDEX IF NOT EXISTS orders_history_covering_idx ON orders (customer_id, created_at DESC) INCLUDE (status, total_cents);
