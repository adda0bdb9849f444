-- Peer sessions (module sessions). One row per request: the requester's availability, and once matched, the partner,
-- the prompt and the slot. A partner's own request that the session absorbed is kept, as JOINED.
create table peer_session (
    id                  uuid        primary key,
    requester_id        text        not null,
    skill               text        not null,
    window_start        timestamptz not null,
    window_end          timestamptz not null check (window_end > window_start),
    match_deadline      timestamptz not null,
    state               text        not null check (state in ('MATCHING', 'PROPOSED', 'HELD', 'SCHEDULED', 'EVALUATING',
                                                          'ENDORSING', 'COMPLETED', 'NO_SHOW', 'NO_MATCH', 'JOINED',
                                                          'CANCELLED')),
    partner_id          text        check (partner_id <> requester_id),
    partner_request_id  uuid        references peer_session (id),  -- the partner's own request, held or joined
    joined_session_id   uuid        references peer_session (id),  -- JOINED: the session this request became part of
    declined_by         text[]      not null default '{}',         -- never proposed to again for this request
    prompt_id           text,
    slot_start          timestamptz,
    slot_end            timestamptz check (slot_end > slot_start),
    accept_by           timestamptz,
    accepted_at         timestamptz,                               -- the pair counts as matched from here (30-day rule)
    absent              text[]      not null default '{}',         -- NO_SHOW: who did not attend
    cancelled_by        text,
    process_instance_id text        unique,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    ended_at            timestamptz
);

create index peer_session_by_requester on peer_session (requester_id, created_at desc);
create index peer_session_by_partner on peer_session (partner_id, created_at desc) where partner_id is not null;
create index peer_session_matching on peer_session (skill, created_at) where state = 'MATCHING';

-- What each participant said about the other: attendance, and if present the rubric score. One each, never of oneself.
create table peer_evaluation (
    session_id             uuid          not null references peer_session (id),
    evaluator_id           text          not null,
    evaluated_id           text          not null check (evaluated_id <> evaluator_id),
    attended               boolean       not null,
    rubric_id              text,
    points                 jsonb,
    score                  numeric(4, 3) check (score between 0 and 1),
    passed                 boolean,
    comment                text          not null default '',
    submitted_at           timestamptz   not null default now(),
    -- The optional endorsement of the partner, decided after the session was held.
    endorse                boolean,
    endorsement_comment    text,
    endorsement_decided_at timestamptz,
    primary key (session_id, evaluator_id),
    check (attended = (score is not null))
);
