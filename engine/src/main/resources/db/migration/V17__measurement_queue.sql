-- Measured work waiting for, or holding, a share of a host's capacity (module load): baselines, learners' load runs
-- and check runs. One row per measurement; it goes when the measurement ends. Rows whose node stopped refreshing them
-- (it crashed) expire. Admission takes an advisory lock per placement, so nodes sharing a host admit in one order.
create table measurement_queue (
    id           uuid primary key,
    placement    text        not null,   -- the host (or Docker host) whose capacity the measurement uses
    stack_id     uuid        not null,
    run_id       text,                   -- the learner's run, for the run page; null for a measurement without one
    need         numeric     not null,   -- CPUs: the stack's ceilings and the load generator's share
    expected_s   integer     not null,   -- how long it should take once admitted, for the estimates
    state        text        not null check (state in ('WAITING', 'ADMITTED')),
    enqueued_at  timestamptz not null default clock_timestamp(),
    admitted_at  timestamptz,
    heartbeat_at timestamptz not null default clock_timestamp()
);

create index measurement_queue_order on measurement_queue (placement, enqueued_at);
create index measurement_queue_run on measurement_queue (run_id);
