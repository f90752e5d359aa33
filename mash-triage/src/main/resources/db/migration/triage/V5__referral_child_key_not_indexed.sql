-- Triage finds a child's referrals through child_referral, by the child it matched, never by intake's child key: no
-- statement reads this index, and each referral's random key put its entry on a random page of it.
drop index referral_child_key;
