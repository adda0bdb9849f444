-- Every check run of a scenario run: the learner's history of attempts, with each attempt's verdicts and hints.
create table run_attempt (
    run_id      uuid             not null references scenario_run (id),
    attempt     int              not null,
    passed      boolean          not null,
    score       double precision not null,
    report      jsonb            not null,
    checked_at  timestamptz      not null default now(),
    primary key (run_id, attempt)
);
