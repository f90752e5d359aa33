-- The demographic keys a child has been referred under beside the first (child.demographic_hash), each added when a
-- referral found the child by NHS number under demographics no child had: a child who has moved house, or whose date
-- of birth a referral put right, is then found by a later referral that has no NHS number. Written with the poll's
-- other rows when it commits, so the reference to a child the same poll created is checked then.
create table child_demographic (
    demographic_hash text not null,
    child_id         uuid not null references child deferrable initially deferred,
    primary key (demographic_hash, child_id)
);
