-- A poll's new children are written with its other rows when it commits, after the history rows and case registry
-- copies that refer to them: those references are checked at commit.
alter table child_referral alter constraint child_referral_child_id_fkey deferrable initially deferred;
alter table case_registry alter constraint case_registry_child_id_fkey deferrable initially deferred;
