-- Every firing of a recurring Quartz job (module platform): which node ran it, for which scheduled time, and how it
-- ended. Quartz's cluster promises one node per firing; this audit shows whether it kept the promise, and which node
-- did the work. Rows older than the retention are deleted as new ones come in.
create table recurring_job_run (
    id                 bigserial primary key,
    job_name           text        not null,
    scheduled_at       timestamptz not null,  -- the firing's scheduled time: the same on every node that might run it
    fired_at           timestamptz not null,
    finished_at        timestamptz,           -- null while it runs, or when its node died during the run
    node               text        not null,  -- provingground.node-name
    scheduler_instance text        not null,  -- Quartz's instance id: a node restart gets a new one
    failure            text
);

create index recurring_job_run_by_firing on recurring_job_run (job_name, scheduled_at);
