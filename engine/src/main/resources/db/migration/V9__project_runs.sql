-- Milestone projects (module milestones): one row per learner's project, its milestones in order.
create table project_run (
    id                  uuid primary key,
    learner_id          text        not null,
    project_id          text        not null,
    skill               text        not null,
    process_instance_id text unique,
    state               text        not null check (state in ('WORKING', 'IN_REVIEW', 'COMPLETED', 'CANCELLED')),
    milestone_id        text,                   -- the milestone being worked on; null once all are done
    busy_with           text,                   -- the learner action a job is running: checks
    started_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    ended_at            timestamptz
);

create index project_run_by_learner on project_run (learner_id, started_at desc);

-- Each milestone of a project run: how its document checks went, and whether the learner passed or gave up.
create table project_milestone (
    run_id         uuid        not null references project_run (id),
    milestone_id   text        not null,
    position       int         not null,       -- 1 for the first milestone of the project
    passed         boolean     not null default false,
    gave_up        boolean     not null default false,
    attempts       int         not null default 0,
    check_failures jsonb       not null default '{}',  -- failures so far by check id, which picks the next hint
    last_verdicts  jsonb,
    opened_at      timestamptz not null default now(),
    finished_at    timestamptz,
    primary key (run_id, milestone_id)
);

-- Every check run of a milestone: the learner's history of attempts, with the verdicts and hints of each.
create table project_attempt (
    run_id       uuid             not null references project_run (id),
    milestone_id text             not null,
    attempt      int              not null,
    passed       boolean          not null,
    score        double precision not null,
    verdicts     jsonb            not null,
    checked_at   timestamptz      not null default now(),
    primary key (run_id, milestone_id, attempt)
);
