-- A B2B catalogue: 20,000 products, each with volume discount tiers. Deterministic.
CREATE TABLE products (
  id               integer PRIMARY KEY,
  name             text    NOT NULL,
  base_price_cents integer NOT NULL
);

CREATE TABLE price_tiers (
  product_id   integer NOT NULL REFERENCES products (id),
  min_qty      integer NOT NULL,
  discount_pct integer NOT NULL,
  PRIMARY KEY (product_id, min_qty)
);

INSERT INTO products (id, name, base_price_cents)
SELECT n, 'Product ' || n, 199 + (n * 7919) % 99800
FROM generate_series(1, 20000) AS n;

INSERT INTO price_tiers (product_id, min_qty, discount_pct)
SELECT p, t.min_qty, t.discount_pct + p % 3
FROM generate_series(1, 20000) AS p,
     (VALUES (10, 2), (50, 5), (200, 10)) AS t (min_qty, discount_pct);

ANALYZE products;
ANALYZE price_tiers;
