-- The ceilings a stack's services ran into (module provisioning), as the platform found them, so that the learner's
-- run page can say which limit was hit, on whichever node it is served, and after the service started again.
create table stack_limit_hit (
    stack_id   uuid        not null references stack (id) on delete cascade,
    service    text        not null,
    limit_kind text        not null check (limit_kind in ('memory', 'processes', 'disk')),
    message    text        not null,
    hit_at     timestamptz not null default now(),
    primary key (stack_id, service, limit_kind)
);
