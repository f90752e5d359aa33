-- A telephone referral that reaches triage after its written follow-up was triaged as the referral's first version
-- (the call's event behind intake's outbox relay, or dead-lettered and republished): kept, one per referral, so that
-- what only the call said (immediate risk reported on the telephone, say) is read, by the rules and by a MASH worker
-- beside the written follow-up. As for a written follow-up, the Kafka position that carried it tells a redelivery
-- (send again what it caused: the outcome version it issued, if any, and the MASH worker's task) from a duplicate
-- (send nothing).
--
-- V7's comment on written_follow_up is corrected here, as an applied migration must not change: its source columns
-- are never null. A written follow-up triaged as the referral's first version keeps the position that carried it,
-- which is the referral's own (referral.source_partition, referral.source_offset), and that is how triage knows it
-- was triaged first; what it caused is version 1 and its tasks, which the referral's own position re-sends, so its
-- outcome_version and task_id are the ones left null.
create table late_call (
    referral_id      uuid primary key references written_follow_up,
    submission       bytea  not null,
    source_partition int    not null,
    source_offset    bigint not null,
    outcome_version  int,
    task_id          uuid references task,
    foreign key (referral_id, outcome_version) references outcome
);
