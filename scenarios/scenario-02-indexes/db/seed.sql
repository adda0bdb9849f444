-- An activity log: 100,000 users and 3,000,000 events. Deterministic: every value derives from the row number.
-- Each user has about 30 events; kinds are skewed the way real activity is: mostly page views.
CREATE TABLE users (
  id    integer PRIMARY KEY,
  name  text NOT NULL
);

CREATE TABLE events (
  id         bigint      PRIMARY KEY,
  user_id    integer     NOT NULL,
  kind       text        NOT NULL,
  detail     text        NOT NULL,
  created_at timestamptz NOT NULL
);

INSERT INTO users (id, name)
SELECT n, 'User ' || n FROM generate_series(1, 100000) AS n;

INSERT INTO events (id, user_id, kind, detail, created_at)
SELECT n,
       (1 + (n::bigint * 7919) % 100000)::integer,
       (ARRAY['page_view', 'page_view', 'page_view', 'page_view', 'page_view', 'page_view',
              'login', 'login', 'purchase', 'password_reset'])[1 + (n + n / 100000) % 10],
       '/app/section/' || (n % 97),
       timestamptz '2025-01-01 00:00:00+00' + (n * interval '10 seconds')
FROM generate_series(1, 3000000) AS n;

-- Added during an incident last year "to speed up the activity page". Nobody checked whether it did.
CREATE INDEX events_kind_idx ON events (kind);

ANALYZE users;
ANALYZE events;
