-- The breadth of a learner's evidence, which tiers may ask for (issue 20): the concepts each activity covers, and per
-- standing the reviewed passes, their reviewers and concepts, and the activities completed. Standings decided before
-- this hold zeros until their next decision.
alter table sci_activity add column concepts text[] not null default '{}';

alter table learner_skill
    add column reviewed_passes integer not null default 0,
    add column pass_reviewers  integer not null default 0,
    add column pass_concepts   integer not null default 0,
    add column activities      integer not null default 0;
