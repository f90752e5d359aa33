-- A referral is kept once per agency and agency reference; the submission is stored whole (Avro binary).
create table referral (
    referral_id      uuid primary key,
    agency_code      text        not null,
    agency_reference text        not null,
    idempotency_key  text,
    local_authority  text        not null,
    channel          text        not null,
    child_key        text        not null,
    status           text        not null,
    received_at      timestamptz not null,
    submission       bytea       not null,
    constraint referral_agency_reference_unique unique (agency_code, agency_reference)
);

create unique index referral_idempotency_key_unique on referral (agency_code, idempotency_key)
    where idempotency_key is not null;

-- Transactional outbox: the received event is written in the same transaction as the referral and relayed to Kafka.
create table outbox (
    id           bigserial primary key,
    event_id     uuid        not null unique,
    topic        text        not null,
    message_key  text        not null,
    payload      bytea       not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);

create index outbox_unpublished on outbox (id) where published_at is null;

create table audit_event (
    id          bigserial primary key,
    occurred_at timestamptz not null,
    actor       text        not null,
    action      text        not null,
    referral_id uuid,
    reason      text
);
