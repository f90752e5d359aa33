-- A message of an outcome that a later outcome replaced is never sent: delivered after the later one (its own
-- back-off run longer while the agency was down), it would be the last word the referrer read, and the wrong one.
-- It is kept, marked superseded, and no longer waits: the dispatcher does not take it and the referral's SLA clock
-- stops without it. Its outcome version is kept beside it so that a later outcome finds the earlier ones.
alter table delivery add column outcome_version int;
alter table delivery add column superseded_at timestamptz;

update delivery set outcome_version = (payload::jsonb ->> 'outcomeVersion')::int where referral_id is not null;

drop index delivery_waiting_by_referral;
create index delivery_waiting_by_referral on delivery (referral_id) where delivered_at is null and superseded_at is null;

drop index delivery_due;
create index delivery_due on delivery (next_attempt_at)
    where delivered_at is null and undeliverable_at is null and superseded_at is null;
