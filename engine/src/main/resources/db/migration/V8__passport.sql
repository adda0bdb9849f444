-- The skill passport (module passport): the platform's signing keys, each learner's privacy setting, and the
-- credentials issued, so that any of them can be revoked.

-- Keys that sign credentials (ES256). The active one signs; the others stay published so older credentials verify.
create table passport_signing_key (
    kid         text        primary key,
    private_jwk text        not null,          -- the key pair as a JWK; never served
    public_jwk  text        not null,
    active      boolean     not null default true,
    created_at  timestamptz not null default now()
);

-- At most one active key, so that nodes starting at once agree on it.
create unique index passport_signing_key_one_active on passport_signing_key (active) where active;

-- A learner's passport is private until they make it public.
create table passport_setting (
    learner_id text        primary key,
    public     boolean     not null default false,
    updated_at timestamptz not null default now()
);

create table passport_credential (
    id          uuid        primary key,
    learner_id  text        not null,
    skill       text        not null,
    kind        text        not null check (kind in ('ACHIEVEMENT', 'ENDORSEMENT')),
    issued_at   timestamptz not null,
    valid_until timestamptz,                   -- null: it does not expire (endorsements)
    revoked_at  timestamptz,
    revoked_by  text,
    reason      text
);

create index passport_credential_by_learner on passport_credential (learner_id, skill);
