-- Whether the referral's latest outcome is provisional and waits for a MASH worker, so that the operations page and
-- the SLA events say whom to chase; by outcome version, so that a late redelivery of an earlier outcome changes nothing.
alter table sla_clock
    add column outcome_version int,
    add column awaiting_mash_decision boolean not null default false;
