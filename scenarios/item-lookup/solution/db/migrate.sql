-- The fix: lookups by SKU need an index, or PostgreSQL reads all 1,000,000 rows for every request.
-- A unique index also documents that a SKU names one item.
CREATE UNIQUE INDEX IF NOT EXISTS items_sku_key ON items (sku);
