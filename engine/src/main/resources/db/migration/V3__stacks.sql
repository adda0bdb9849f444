-- Scenario stacks. The reaper finds what to remove from these rows, not from memory, so a crash loses nothing.
create table stack (
    id               uuid primary key,
    owner_id         text        not null,
    run_id           text,
    scenario_id      text        not null,
    scenario_version text        not null,
    host             text        not null,  -- the machine whose processes these are
    node_id          text        not null,  -- the platform process that started them; it sends heartbeats
    state            text        not null check (state in ('PROVISIONING', 'READY', 'FAILED', 'STOPPED')),
    directory        text        not null,
    database_name    text        not null,
    failure          text,
    idle_limit_s     integer     not null,
    created_at       timestamptz not null default now(),
    ready_at         timestamptz,
    last_activity_at timestamptz not null default now(),
    heartbeat_at     timestamptz not null default now(),
    run_ended_at     timestamptz,
    stopped_at       timestamptz
);

create index stack_live on stack (host, state) where state <> 'STOPPED';
create index stack_owner on stack (owner_id, created_at desc);

-- Every operating-system process of a stack, so that a reaper on the same host can stop them after a crash.
create table stack_process (
    stack_id uuid    not null references stack (id) on delete cascade,
    service  text    not null,  -- database, balancer, app-0, app-1, ...
    port     integer not null,
    pid      bigint  not null,
    primary key (stack_id, service)
);
