-- One routing record per outcome version; the Kafka offset that carried the outcome tells a redelivery (send the
-- stored event again) from a duplicate (send nothing).
create table routing (
    referral_id      uuid        not null,
    outcome_version  int         not null,
    queue            text,
    team             text,
    decision         text        not null,
    routed_at        timestamptz not null,
    source_partition int         not null,
    source_offset    bigint      not null,
    event            bytea,
    primary key (referral_id, outcome_version)
);

create table audit_event (
    id          bigserial primary key,
    occurred_at timestamptz not null,
    actor       text        not null,
    action      text        not null,
    referral_id uuid,
    reason      text
);
