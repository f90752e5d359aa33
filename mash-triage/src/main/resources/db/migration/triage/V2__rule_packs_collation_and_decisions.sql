-- Children triage has seen, by keyed hashes of their identifiers only (never in clear).
create table child (
    child_id         uuid primary key,
    nhs_hash         text unique,
    demographic_hash text
);

create index child_demographic_hash on child (demographic_hash);

-- Each child's referral history, for collating concerns from different agencies.
create table child_referral (
    referral_id uuid primary key references referral,
    child_id    uuid        not null references child,
    agency_code text        not null,
    received_at timestamptz not null
);

create index child_referral_child on child_referral (child_id, received_at);

-- Triage's own copy of the case registry the router publishes (csc.case-registry.v1).
create table case_registry (
    case_id                 uuid primary key,
    child_id                uuid        not null references child,
    status                  text        not null,
    local_authority         text        not null,
    allocated_team          text        not null,
    allocated_social_worker text,
    occurred_at             timestamptz not null
);

create index case_registry_child on case_registry (child_id);

-- Outcomes a MASH worker issued wait here until published.
alter table outcome add column pending_publication boolean not null default false;
create index outcome_pending_publication on outcome (issued_at) where pending_publication;
alter table task add column decided_by text;
alter table task add column decided_at timestamptz;
alter table task add column decision_reason text;
