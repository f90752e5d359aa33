-- One row per referral; the Kafka offset that first carried it tells a redelivery (send again) from a duplicate
-- event (send nothing).
create table referral (
    referral_id      uuid primary key,
    child_key        text        not null,
    local_authority  text        not null,
    received_at      timestamptz not null,
    source_partition int         not null,
    source_offset    bigint      not null
);

create index referral_child_key on referral (child_key);

-- Every outcome version as issued (Avro binary), so that a redelivery re-sends exactly the same event.
create table outcome (
    referral_id     uuid        not null references referral,
    outcome_version int         not null,
    outcome         text        not null,
    status          text        not null,
    issued_at       timestamptz not null,
    event           bytea       not null,
    primary key (referral_id, outcome_version)
);

create table task (
    task_id     uuid primary key,
    referral_id uuid        not null references referral,
    kind        text        not null,
    priority    text        not null,
    deadline    timestamptz not null,
    state       text        not null,
    event       bytea       not null
);

create table audit_event (
    id          bigserial primary key,
    occurred_at timestamptz not null,
    actor       text        not null,
    action      text        not null,
    referral_id uuid,
    reason      text
);
