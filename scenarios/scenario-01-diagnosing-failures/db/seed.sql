-- A small shop: 50,000 customers and 2,000,000 orders. Deterministic: every value derives from the row number.
-- Only primary keys are indexed, as in a schema nobody has looked at since launch.
CREATE TABLE customers (
  id         integer PRIMARY KEY,
  name       text        NOT NULL,
  email      text        NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE orders (
  id           bigint      PRIMARY KEY,
  customer_id  integer     NOT NULL,
  status       text        NOT NULL,
  total_cents  integer     NOT NULL,
  created_at   timestamptz NOT NULL
);

INSERT INTO customers (id, name, email, created_at)
SELECT n, 'Customer ' || n, 'customer' || n || '@example.com',
       timestamptz '2024-01-01 00:00:00+00' + (n * interval '7 minutes')
FROM generate_series(1, 50000) AS n;

INSERT INTO orders (id, customer_id, status, total_cents, created_at)
SELECT n,
       (1 + (n::bigint * 7919) % 50000)::integer,
       (ARRAY['placed', 'paid', 'shipped', 'delivered', 'refunded'])[1 + n % 5],
       (500 + (n::bigint * 104729) % 49500)::integer,
       timestamptz '2024-06-01 00:00:00+00' + (n * interval '13 seconds')
FROM generate_series(1, 2000000) AS n;

-- The foreign key is added after the load: checked in one pass instead of once per row.
ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id);

ANALYZE customers;
ANALYZE orders;
