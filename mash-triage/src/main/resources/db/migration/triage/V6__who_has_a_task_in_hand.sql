-- The MASH worker who last opened each task, and when: shown to the other workers for a while as the task being in
-- that worker's hands, so that two do not work the same referral unknowingly.
alter table task
    add column opened_by text,
    add column opened_at timestamptz;
