-- Outcomes and tasks carry the whole referral (2-3 KB): above PostgreSQL's default target of about 2 KB each insert
-- first tried to compress the event and then moved it to a TOAST table, which doubled the cost of the insert. Events
-- up to 8 KB now stay in the row, uncompressed.
alter table outcome set (toast_tuple_target = 8160);
alter table task set (toast_tuple_target = 8160);
