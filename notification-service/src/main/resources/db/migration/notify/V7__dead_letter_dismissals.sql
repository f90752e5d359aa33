-- Dead letters an operator dismissed from the operations page, each with who, when and why: a record that needs
-- nothing more (its referrer has since sent the referral again, corrected) would otherwise wait for ever, keeping the
-- DeadLettersWaiting alert firing, and republishing it would only dead-letter it again. A dismissed record is no longer
-- counted as waiting and is never republished; the record itself stays on its dead-letter topic. Rows are never
-- updated or deleted.
create table dead_letter_dismissal (
    dead_letter_topic     text        not null,
    dead_letter_partition int         not null,
    dead_letter_offset    bigint      not null,
    dismissed_by          text        not null,
    dismissed_at          timestamptz not null,
    reason                text        not null,
    primary key (dead_letter_topic, dead_letter_partition, dead_letter_offset)
);
