-- 1,000,000 items. SKUs look like ITEM-0000042; nothing but the primary key is indexed.
CREATE TABLE items (
  id          bigint PRIMARY KEY,
  sku         text   NOT NULL,
  name        text   NOT NULL,
  price_cents integer NOT NULL
);

INSERT INTO items (id, sku, name, price_cents)
SELECT n, 'ITEM-' || lpad(n::text, 7, '0'), 'Item number ' || n, 100 + (n * 37) % 9900
FROM generate_series(1, 1000000) AS n;

ANALYZE items;
