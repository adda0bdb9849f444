-- Reviewer calibration (module review): submissions that admins scored as a reference, and evaluators' scores of them.
create table gold_submission (
    process_instance_id text primary key,          -- the submission: its evidence is what evaluators score
    learner_id          text          not null,
    skill               text          not null,
    activity_id         text          not null,
    rubric_id           text          not null,
    reference_points    jsonb         not null,
    reference_score     numeric(4, 3) not null check (reference_score between 0 and 1),
    marked_by           text          not null,
    marked_at           timestamptz   not null default now(),
    retired_at          timestamptz                -- no longer offered for calibration; its scores stay
);

create index gold_submission_by_rubric on gold_submission (rubric_id) where retired_at is null;

create table calibration_score (
    id                  uuid primary key,
    reviewer_id         text             not null,
    process_instance_id text             not null references gold_submission (process_instance_id),
    rubric_id           text             not null,
    points              jsonb            not null,
    score               numeric(4, 3)    not null check (score between 0 and 1),
    accuracy            double precision not null check (accuracy between 0 and 1),
    scored_at           timestamptz      not null default now()
);

create index calibration_score_by_reviewer on calibration_score (reviewer_id, scored_at desc);

-- The reviewer's calibration weight when the activity was reviewed: how much its rubric score counts in Proof.
alter table sci_activity add column rubric_weight numeric(4, 3) not null default 1
    check (rubric_weight between 0 and 1);
