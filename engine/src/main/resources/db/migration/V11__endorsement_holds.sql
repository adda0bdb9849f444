-- Mutual endorsements (A endorses B and B endorses A within 30 days) are held: they do not count towards a tier
-- until an admin clears them.
alter table endorsement
    add column held        boolean not null default false,
    add column held_reason text,
    add column cleared_by  text,
    add column cleared_at  timestamptz;

create index endorsement_by_endorser on endorsement (endorser_id, learner_id);
