-- Evidence: append-only. Each item links to the learner, skill, activity and process instance, with a content hash.
create table evidence (
    id                  uuid        primary key,
    learner_id          text        not null,
    skill               text        not null,
    activity_id         text        not null,
    process_instance_id text        not null,
    kind                text        not null check (kind ~ '^[a-z][a-z0-9_-]{1,40}$'),
    payload             jsonb       not null,
    content_hash        text        not null,
    recorded_at         timestamptz not null default now()
);

-- Recording the same evidence twice (a retried job) keeps one item.
create unique index evidence_once on evidence (process_instance_id, kind, content_hash);
create index evidence_by_learner on evidence (learner_id, skill, recorded_at desc);

create function evidence_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'evidence is append-only: % is not allowed', tg_op;
end
$$;

create trigger evidence_no_update_or_delete before update or delete on evidence
    for each row execute function evidence_is_append_only();
create trigger evidence_no_truncate before truncate on evidence
    for each statement execute function evidence_is_append_only();

-- What still has to reach the search index. Rows go when indexed; the evidence stays.
create table evidence_outbox (
    evidence_id     uuid        primary key references evidence (id),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text
);
