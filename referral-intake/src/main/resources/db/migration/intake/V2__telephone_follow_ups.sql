-- The outbox now carries more than received referrals: each row names the Avro class of its payload.
alter table outbox add column event_type text not null default 'uk.mash.events.ReferralReceived';
alter table outbox alter column event_type drop default;

-- A telephone referral must be followed up in writing by the referring professional within 24 hours (seed 002).
create table telephone_follow_up (
    referral_id      uuid primary key references referral (referral_id),
    agency_code      text        not null,
    agency_reference text        not null,
    local_authority  text        not null,
    recorded_at      timestamptz not null,
    due_by           timestamptz not null,
    status           text        not null,
    received_at      timestamptz,
    received_from    text
);

create index telephone_follow_up_awaited on telephone_follow_up (due_by) where status = 'AWAITED';
create index telephone_follow_up_overdue on telephone_follow_up (due_by) where status = 'OVERDUE';
