-- A published outbox row has done its job (the event is in Kafka, the referral in `referral`): the relay now deletes
-- rows once their Kafka transaction commits instead of marking them, which is cheaper than rewriting each 2 KB row
-- and keeps the table as small as what is still to be published.
delete from outbox where published_at is not null;
drop index outbox_unpublished;
alter table outbox drop column published_at;

-- Events of 1-3 KB stay in the row, uncompressed: above PostgreSQL's default target of about 2 KB each insert first
-- tried to compress the event and then moved it to a TOAST table, which doubled the cost of the insert.
alter table outbox set (toast_tuple_target = 8160);
alter table referral set (toast_tuple_target = 8160);
