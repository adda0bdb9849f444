-- Scenario runs (module runs): one row per run, the learner-facing state of its process instance.
create table scenario_run (
    id                  uuid primary key,
    learner_id          text        not null,
    scenario_id         text        not null,
    scenario_version    text        not null,
    skill               text        not null,
    process_instance_id text unique,
    state               text        not null check (state in ('PROVISIONING', 'WORKING', 'PARKED', 'REFLECTING',
                                                          'IN_REVIEW', 'COMPLETED', 'CANCELLED')),
    busy_with           text,                   -- the learner action a job is running: load, restart, checks
    stack_id            uuid,
    attempts            integer     not null default 0,
    check_failures      jsonb       not null default '{}',  -- failures so far by check id, which picks the next hint
    checks_passed       boolean     not null default false,
    gave_up             boolean     not null default false,
    check_score         numeric(4, 3),          -- the share of checks the last check run passed
    baseline_report     jsonb,
    last_check_report   jsonb,
    last_action         jsonb,                  -- what the learner's last action did, for the UI
    reflection          jsonb,
    started_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    ended_at            timestamptz
);

create index scenario_run_by_learner on scenario_run (learner_id, started_at desc);

-- Peer reviews (module review): at most one per process instance, never by the learner who did the work.
create table review (
    process_instance_id text primary key,
    learner_id          text          not null,
    skill               text          not null,
    activity_id         text          not null,
    reviewer_id         text          not null check (reviewer_id <> learner_id),
    rubric_id           text          not null,
    points              jsonb         not null,
    score               numeric(4, 3) not null check (score between 0 and 1),
    passed              boolean       not null,
    comment             text          not null,
    reviewed_at         timestamptz   not null default now()
);

-- Standings (module sci): the activities that feed the SCI, the endorsements, and the tier's history.
create table sci_activity (
    id             text primary key,                -- the process instance of the activity
    learner_id     text          not null,
    skill          text          not null,
    activity       text          not null,          -- what was done, e.g. the scenario id
    completed      boolean       not null,          -- passed or completed: it counts towards practice
    completed_at   timestamptz   not null,
    check_score    numeric(4, 3) check (check_score between 0 and 1),
    rubric_score   numeric(4, 3) check (rubric_score between 0 and 1),
    checks_passed  boolean       not null,
    rubric_passed  boolean       not null,
    reviewers      text[]        not null default '{}'
);

create index sci_activity_by_learner on sci_activity (learner_id, skill, completed_at desc);

create table endorsement (
    id                  uuid primary key,
    learner_id          text        not null,
    skill               text        not null,
    endorser_id         text        not null check (endorser_id <> learner_id),
    endorser_tier       text        not null,      -- the endorser's tier in the skill when they endorsed
    counts              boolean     not null,      -- tier 3 or above at that time
    comment             text        not null,
    process_instance_id text        not null unique,
    endorsed_at         timestamptz not null default now()
);

create index endorsement_by_learner on endorsement (learner_id, skill);

-- The SCI's components, kept so that the daily decay can recompute freshness and tiers in one statement.
alter table learner_skill
    add column practice            numeric(5, 2) not null default 0,
    add column proof               numeric(5, 2) not null default 0,
    add column reliability         numeric(5, 2) not null default 0,
    add column freshness           numeric(5, 2) not null default 0,
    add column checks_passed       boolean       not null default false,
    add column rubric_passed       boolean       not null default false,
    add column qualified_endorsers integer       not null default 0,
    add column newest_evidence_at  timestamptz;

create table tier_change (
    id          bigserial primary key,
    learner_id  text        not null,
    skill       text        not null,
    from_tier   text        not null,
    to_tier     text        not null,
    reason      text        not null,
    changed_at  timestamptz not null default now()
);

create index tier_change_by_learner on tier_change (learner_id, changed_at desc);

-- Notifications (module notifications): what the UI shows a user, such as a demotion or an overdue review.
create table notification (
    id         bigserial primary key,
    recipient  text        not null,            -- a user id, or group:<id> for every member of a group
    kind       text        not null,
    message    text        not null,
    created_at timestamptz not null default now(),
    read_at    timestamptz
);

create index notification_by_recipient on notification (recipient, created_at desc);
