-- One row per (referral or rejected submission, outcome version, channel): written before the notification is
-- acknowledged, so a redelivered outcome never notifies a referrer twice.
create table notification (
    notification_id  text primary key,
    referral_id      uuid,
    agency_code      text,
    agency_reference text,
    channel          text        not null,
    subject          text        not null,
    outcome          text,
    outcome_version  int,
    notified_at      timestamptz not null,
    received_at      timestamptz,
    source_topic     text        not null,
    source_partition int         not null,
    source_offset    bigint      not null,
    event            bytea       not null
);

create index notification_referral on notification (referral_id);
create index notification_agency_reference on notification (agency_code, agency_reference);

create table audit_event (
    id          bigserial primary key,
    occurred_at timestamptz not null,
    actor       text        not null,
    action      text        not null,
    referral_id uuid,
    reason      text
);
