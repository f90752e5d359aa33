-- An outcome routed on its own asks whether its referral opened a case that is still open. Asked of the index on
-- opened_by_referral_id and of the partial index of open cases together, with statistics that said few cases were
-- open (a table filling faster than autovacuum looks), the planner read every open case's entry for each referral.
-- Indexing only the open cases by the referral that opened them answers that question alone, whatever the statistics
-- say; nothing looks up closed cases by referral.
drop index csc_case_opened_by;
create index csc_case_open_by_referral on csc_case (opened_by_referral_id) where status = 'OPEN';
