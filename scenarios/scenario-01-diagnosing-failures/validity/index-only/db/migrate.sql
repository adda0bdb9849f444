-- Schema changes. This file runs every time the app starts, so keep every statement idempotent.

-- WHY: the order history filters on customer_id and sorts by created_at. Without an index PostgreSQL reads all
-- 2,000,000 orders for every page view (EXPLAIN ANALYZE shows "Seq Scan on orders" and "Rows Removed by Filter").
-- With this composite index it jumps to the customer's orders, already sorted newest first, and stops after 20 rows.
-- An index on customer_id alone also removes the scan; it then sorts the customer's ~40 orders, which is cheap here.
-- TRADE-OFF: every INSERT into orders now also writes the index, and the index takes disk and memory. For a table
-- read on every account page view and written once per purchase, that is a good deal.
CREATE INDEX IF NOT EXISTS orders_customer_created_idx ON orders (customer_id, created_at DESC);
