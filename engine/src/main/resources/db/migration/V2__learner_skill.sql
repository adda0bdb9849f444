-- A learner's standing in one skill: the latest SCI and the tier the sci-tier decision chose from it.
create table learner_skill (
    learner_id      text          not null,
    skill           text          not null,
    tier            text          not null check (tier in ('CLAIMED', 'PRACTICED', 'VERIFIED', 'PEER_ENDORSED')),
    sci             numeric(5, 2) not null check (sci between 0 and 100),
    tier_decided_at timestamptz   not null,
    primary key (learner_id, skill)
);
