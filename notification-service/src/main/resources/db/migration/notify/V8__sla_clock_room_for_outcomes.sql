-- A clock is written three times: started when the referral is received, given its outcome, stopped when the referrer
-- is told. Clocks are added in bursts at the end of the table, so every page was full and the outcome's new row
-- version went to another page, with a new entry in each of the two indexes. The outcome changes no indexed column:
-- with room left on the page it is written beside the row and neither index is touched (a heap-only update). At 60
-- about two outcomes in five still found their page full; at 40, none. Stopping the clock sets notified_at, which the
-- open clocks' index reads, so that write still touches the indexes.
alter table sla_clock set (fillfactor = 40);
