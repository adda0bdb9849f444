-- What a learner ran to diagnose their stack (SQL, log filters, terminal commands), in order: evidence of the run.
create table diagnostic_trail (
    id          bigserial   primary key,
    run_id      uuid        not null,
    learner_id  text        not null,
    tool        text        not null check (tool in ('sql', 'logs', 'terminal')),
    input       text        not null,
    outcome     text,
    at          timestamptz not null default now()
);

create index diagnostic_trail_of_run on diagnostic_trail (run_id, id);
