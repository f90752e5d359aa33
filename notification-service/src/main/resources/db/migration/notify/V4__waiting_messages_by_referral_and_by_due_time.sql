-- A referral's clock stops only when none of its messages is still waiting to be delivered. Asked of the index on
-- referral_id and of delivery_pending together, with statistics that said few messages were waiting (a table filling
-- faster than autovacuum looks, or an email outage), the planner read every waiting message's entry for each referral
-- checked: the costliest statement in the pipeline. Indexing only the waiting messages by referral answers that
-- question alone, whatever the statistics say; nothing else looks messages up by referral.
drop index delivery_referral;
create index delivery_waiting_by_referral on delivery (referral_id) where delivered_at is null;

-- The dispatcher takes the messages due, oldest first, a few at a time. Given a partial index of every undelivered
-- message (undeliverable ones too) and statistics that said few were waiting, the planner fetched every message due
-- and sorted them for each take: after an outage, draining the backlog cost the square of its size. An index of
-- exactly the messages still to be tried, in the order they are taken, lets a take stop after what it takes.
drop index delivery_pending;
create index delivery_due on delivery (next_attempt_at) where delivered_at is null and undeliverable_at is null;
