-- Issue 5: a superseding outcome withdraws the case from its old queue; unroutable outcomes are dead-lettered; cases
-- routed to Children's Social Care are kept in a case registry.

-- Everything one outcome version caused, in the order it was sent (a withdrawal, the routed case, registry changes,
-- or the outcome dead-lettered), so that a redelivery re-sends exactly the same records.
create table routing_event (
    referral_id        uuid   not null,
    outcome_version    int    not null,
    seq                int    not null,
    topic              text   not null,
    record_key         text   not null,
    event_class        text   not null,
    event              bytea  not null,
    unroutable_reason  text,
    unroutable_detail  text,
    primary key (referral_id, outcome_version, seq),
    foreign key (referral_id, outcome_version) references routing (referral_id, outcome_version)
);

insert into routing_event (referral_id, outcome_version, seq, topic, record_key, event_class, event)
select referral_id, outcome_version, 0, queue, referral_id::text, 'uk.mash.events.CaseRouted', event
from routing where event is not null;

-- The queue each referral is on now: the case routed by the latest outcome version that placed it.
create table referral_route (
    referral_id     uuid primary key,
    outcome_version int  not null,
    topic           text not null,
    team            text not null,
    locality        text,
    event           bytea not null
);

insert into referral_route (referral_id, outcome_version, topic, team, event)
select distinct on (referral_id) referral_id, outcome_version, queue, team, event
from routing where event is not null
order by referral_id, outcome_version desc;

alter table routing drop column event;
alter table routing add column locality text;
alter table routing add column reason text;

-- Children's cases open to Children's Social Care, with the allocated team and social worker; event is the latest
-- CaseRegistryChanged published for the case.
create table csc_case (
    case_id                 uuid        primary key,
    local_authority         text        not null,
    child_key               text        not null,
    status                  text        not null,
    opened_at               timestamptz not null,
    opened_by_referral_id   uuid        not null,
    allocated_team          text        not null,
    allocated_social_worker text,
    updated_at              timestamptz not null,
    event                   bytea       not null
);

create unique index csc_case_one_open_per_child on csc_case (local_authority, child_key) where status = 'OPEN';
create index csc_case_opened_by on csc_case (opened_by_referral_id);
