-- A referral submitted on Kafka is published in the listener's own Kafka transaction, with the consumed offset, not
-- through the outbox. The received event's id and the position of the record that carried the submission are kept,
-- so that a redelivery of that record (its Kafka transaction aborted after this database committed) publishes the
-- same event again. Null position for referrals that came in by REST or telephone.
alter table referral add column received_event_id uuid;
alter table referral add column source_partition int;
alter table referral add column source_offset bigint;
