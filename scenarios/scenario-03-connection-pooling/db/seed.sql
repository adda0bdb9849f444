-- A warehouse: 10,000 products and 500,000 open reservations against their stock. Deterministic.
CREATE TABLE products (
  sku   text    PRIMARY KEY,
  name  text    NOT NULL,
  stock integer NOT NULL
);

CREATE TABLE reservations (
  id    bigint  PRIMARY KEY,
  sku   text    NOT NULL,
  qty   integer NOT NULL
);

INSERT INTO products (sku, name, stock)
SELECT 'SKU-' || lpad(n::text, 5, '0'), 'Product ' || n, 100 + (n * 37) % 400
FROM generate_series(1, 10000) AS n;

INSERT INTO reservations (id, sku, qty)
SELECT n, 'SKU-' || lpad((1 + (n::bigint * 7919) % 10000)::text, 5, '0'), 1 + n % 5
FROM generate_series(1, 500000) AS n;

CREATE INDEX reservations_sku_idx ON reservations (sku);

ANALYZE products;
ANALYZE reservations;
