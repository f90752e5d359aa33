-- The written referral that followed a telephone referral up saying something the call did not, kept once per
-- telephone referral (of two different ones sent at once, the key lets only one in) and published as the telephone
-- referral's next received event. Its event's id and, when it came on Kafka, the position of its record are kept so
-- that a redelivery of that record publishes the same event again. Its Idempotency-Key, if any, goes on the telephone
-- referral's row (which has none of its own), under the index that keeps one key to one submission.
create table written_follow_up (
    referral_id      uuid primary key references referral (referral_id),
    received_at      timestamptz not null,
    submission       bytea       not null,
    event_id         uuid        not null,
    source_partition int,
    source_offset    bigint
);
