-- A message its destination refused outright (e.g. GOV.UK Notify answering 400: an address or template it does not
-- accept) is not retried. It stays undelivered, so the referral's SLA clock keeps running and breaches, and operations
-- telephone the referrer; once the cause is put right, clearing undeliverable_at sends it again with the same key.
alter table delivery add column undeliverable_at timestamptz;

create index delivery_undeliverable on delivery (undeliverable_at) where undeliverable_at is not null;
