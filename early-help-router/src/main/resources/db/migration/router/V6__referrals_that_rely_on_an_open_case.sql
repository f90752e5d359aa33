-- A later referral about a child whose case is already open (routed to Children's Social Care, or to the allocated
-- social worker's team) relies on that case. When the referral that opened it leaves Children's Social Care, the case
-- is handed to such a referral still with Children's Social Care instead of being closed under it.
create table csc_case_referral (
    case_id     uuid not null references csc_case,
    referral_id uuid not null,
    primary key (case_id, referral_id)
);
