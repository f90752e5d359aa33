package uk.mash.intake.telephone;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.mash.events.FollowUpStatus;
import uk.mash.events.ReferralChannel;
import uk.mash.events.ReferralReceived;
import uk.mash.events.ReferrerKind;
import uk.mash.events.TelephoneFollowUpChanged;
import uk.mash.intake.IntakeSettings;
import uk.mash.intake.outbox.Outbox;
import uk.mash.platform.audit.AuditTrail;
import uk.mash.platform.topics.TopicCatalogue;

/**
 * Tracks the written follow-up that seed 002 asks of a professional who refers by telephone: "All telephone
 * referrals will need to be followed up in writing within 24 hours by the referring professional." Each change is
 * announced on the follow-ups topic through the outbox, so it is published exactly when it commits.
 */
@Service
public class TelephoneFollowUps {

    /** Registered for every status at start-up, so that alerting on increase() sees the first one. */
    private static final String CHANGES = "referrals.telephone.follow-ups";

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final TopicCatalogue topics;
    private final IntakeSettings.TelephoneFollowUp settings;
    private final Clock clock;
    private final MeterRegistry meters;

    TelephoneFollowUps(JdbcTemplate jdbc, Outbox outbox, AuditTrail audit, TopicCatalogue topics,
            IntakeSettings settings, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.audit = audit;
        this.topics = topics;
        this.settings = settings.telephoneFollowUp();
        this.clock = clock;
        this.meters = meters;
        for (FollowUpStatus status : FollowUpStatus.values()) {
            meters.counter(CHANGES, "status", status.name());
        }
        Gauge.builder("referrals.telephone.follow-ups.overdue", this::countOverdue)
                .description("Telephone referrals whose written follow-up is overdue and still not received")
                .register(meters);
    }

    private long countOverdue() {
        Long overdue = jdbc.queryForObject("select count(*) from telephone_follow_up where status = 'OVERDUE'",
                Long.class);
        return overdue == null ? 0 : overdue;
    }

    /** A member of the public is not asked to write in; a professional who telephoned is. */
    public void awaitIfTelephoned(ReferralReceived received) {
        var submission = received.getReferral();
        if (submission.getChannel() != ReferralChannel.TELEPHONE
                || submission.getReferrer().getKind() != ReferrerKind.PROFESSIONAL) {
            return;
        }
        FollowUp followUp = new FollowUp(received.getReferralId(), submission.getReferrer().getAgencyCode(),
                submission.getAgencyReference(), submission.getLocalAuthority(), received.getReceivedAt(),
                received.getReceivedAt().plus(settings.dueWithin()), FollowUpStatus.AWAITED, null);
        jdbc.update("insert into telephone_follow_up (referral_id, agency_code, agency_reference, local_authority, "
                + "recorded_at, due_by, status) values (?, ?, ?, ?, ?, ?, ?)", followUp.referralId(),
                followUp.agencyCode(), followUp.agencyReference(), followUp.localAuthority(),
                Timestamp.from(followUp.recordedAt()), Timestamp.from(followUp.dueBy()), followUp.status().name());
        announce(followUp);
        meters.counter(CHANGES, "status", FollowUpStatus.AWAITED.name()).increment();
    }

    /**
     * Marks the written follow-up received, once: a second call, or one for a referral that was not telephoned,
     * changes nothing.
     *
     * @param receivedFrom how it came, as recorded in the audit trail (never its content)
     */
    @Transactional
    public Optional<FollowUp> markReceived(UUID referralId, String receivedFrom) {
        Instant now = clock.instant();
        List<FollowUp> updated = jdbc.query("update telephone_follow_up set status = 'RECEIVED', received_at = ?, "
                + "received_from = ? where referral_id = ? and status <> 'RECEIVED' returning *", FollowUp::row,
                Timestamp.from(now), receivedFrom, referralId);
        updated.forEach(followUp -> {
            announce(followUp);
            audit.record("TELEPHONE_FOLLOW_UP_RECEIVED", referralId, "written follow-up received: " + receivedFrom);
            meters.counter(CHANGES, "status", FollowUpStatus.RECEIVED.name()).increment();
        });
        return updated.isEmpty() ? find(referralId) : Optional.of(updated.get(0));
    }

    /** Marks every follow-up past its due time overdue, once each; several instances never mark the same one. */
    @Scheduled(fixedDelayString = "${referrals.intake.telephone-follow-up.check-interval:1m}")
    @Transactional
    public int markOverdue() {
        List<FollowUp> overdue = jdbc.query("update telephone_follow_up set status = 'OVERDUE' where referral_id in ("
                + "select referral_id from telephone_follow_up where status = 'AWAITED' and due_by <= ? "
                + "for update skip locked) returning *", FollowUp::row, Timestamp.from(clock.instant()));
        overdue.forEach(followUp -> {
            announce(followUp);
            audit.record("TELEPHONE_FOLLOW_UP_OVERDUE", followUp.referralId(),
                    "no written follow-up by " + followUp.dueBy());
            meters.counter(CHANGES, "status", FollowUpStatus.OVERDUE.name()).increment();
        });
        return overdue.size();
    }

    public Optional<FollowUp> find(UUID referralId) {
        return jdbc.query("select * from telephone_follow_up where referral_id = ?", FollowUp::row, referralId)
                .stream().findFirst();
    }

    public List<FollowUp> withStatus(FollowUpStatus status) {
        return jdbc.query("select * from telephone_follow_up where status = ? order by due_by", FollowUp::row,
                status.name());
    }

    private void announce(FollowUp followUp) {
        TelephoneFollowUpChanged event = TelephoneFollowUpChanged.newBuilder()
                .setEventId(UUID.randomUUID())
                .setReferralId(followUp.referralId())
                .setAgencyCode(followUp.agencyCode())
                .setAgencyReference(followUp.agencyReference())
                .setLocalAuthority(followUp.localAuthority())
                .setStatus(followUp.status())
                .setRecordedAt(followUp.recordedAt())
                .setDueBy(followUp.dueBy())
                .setOccurredAt(clock.instant())
                .build();
        outbox.append(topics.followUps(), followUp.referralId().toString(), event.getEventId(), event);
    }
}
