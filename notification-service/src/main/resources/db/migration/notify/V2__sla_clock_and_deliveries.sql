-- The SLA clock of each referral: started at receipt, stopped when the referrer has been told an outcome on every
-- channel. At-risk and breach events are marked here when they are published, so each is published once.
create table sla_clock (
    referral_id         uuid primary key,
    received_at         timestamptz not null,
    at_risk_at          timestamptz not null,
    deadline            timestamptz not null,
    outcome_at          timestamptz,
    notified_at         timestamptz,
    at_risk_emitted_at  timestamptz,
    breached_emitted_at timestamptz
);

create index sla_clock_open on sla_clock (deadline) where notified_at is null;

-- One row per email or webhook message (notification id = referral or rejection, outcome version, channel), written
-- in the same transaction as the notification it carries, then sent (and retried) until delivered. The
-- notification id is the idempotency key of the message.
create table delivery (
    notification_id text primary key,
    referral_id     uuid,
    agency_code     text        not null,
    channel         text        not null,
    destination     text        not null,
    payload         text        not null,
    created_at      timestamptz not null,
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    delivered_at    timestamptz,
    last_error      text
);

create index delivery_pending on delivery (next_attempt_at) where delivered_at is null;
create index delivery_referral on delivery (referral_id);
