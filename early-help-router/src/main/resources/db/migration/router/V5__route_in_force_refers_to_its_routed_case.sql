-- The route in force held a second copy of the routed case (2-3 KB) beside the routing record's: two fifths of the
-- bytes the router wrote to its tables. It now refers to the routed case among the records its outcome version sent
-- (seq in routing_event). Routes written before keep their copy and no seq.
alter table referral_route add column seq int;
alter table referral_route alter column event drop not null;
alter table referral_route add constraint referral_route_case_kept check (seq is not null or event is not null);
-- Checked at commit: the routing record's rows are written when the transaction commits, after the route.
alter table referral_route add constraint referral_route_routed_case foreign key (referral_id, outcome_version, seq)
    references routing_event (referral_id, outcome_version, seq) deferrable initially deferred;
