-- The breadth of a learner's evidence, which tiers may ask for (issue 20): the concepts each activity covers, and per
-- standing the reviewed passes, their reviewers and concepts, and the activities completed. Standings decided before
-- this hold zeros until their next decision.
alter table sci_activity add column concepts text[] not null default '{}';

alter table learner_skill
    add column reviewed_passes integer not null default 0,
    add column pass_reviewers  integer not null default 0,
    add column pass_concepts   integer not null default 0,
    add column activities      integer not null default 0;

-- Activities of packages meant for the platform's own tests are kept, but never count towards an SCI.
alter table sci_activity add column counts boolean not null default true;

-- A change of the SCI model decides every standing again, once: a row per model says when, and what it changed.
create table sci_model_redecision (
    model       text        primary key,
    decided_at  timestamptz not null default now(),
    standings   integer     not null,
    changes     integer     not null
);
