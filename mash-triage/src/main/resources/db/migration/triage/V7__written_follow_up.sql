-- The written follow-up of a telephone referral (seed 002: "All telephone referrals will need to be followed up in
-- writing within 24 hours by the referring professional"), one per referral, kept so that a MASH worker reads it
-- beside the call as recorded. The Kafka position that carried it tells a redelivery (send again what it caused: the
-- outcome version it issued, if any, and the MASH worker's task) from a duplicate (send nothing). Both are null when
-- the follow-up was triaged as the referral's first version, which the referral's own position re-sends.
create table written_follow_up (
    referral_id      uuid primary key references referral,
    received_at      timestamptz not null,
    submission       bytea       not null,
    source_partition int         not null,
    source_offset    bigint      not null,
    outcome_version  int,
    task_id          uuid references task,
    foreign key (referral_id, outcome_version) references outcome
);
