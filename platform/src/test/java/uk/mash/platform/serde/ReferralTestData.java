package uk.mash.platform.serde;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import uk.mash.events.Address;
import uk.mash.events.Child;
import uk.mash.events.ConsentStatus;
import uk.mash.events.Person;
import uk.mash.events.ReferralChannel;
import uk.mash.events.ReferralReceived;
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.Referrer;
import uk.mash.events.ReferrerKind;

/**
 * Fictional referrals for serde and Kafka tests. Builders come back pre-filled so a test sets only what it is about;
 * times are whole milliseconds because timestamp-millis keeps no more.
 */
public final class ReferralTestData {

    static final Instant SUBMITTED_AT = Instant.parse("2025-03-14T09:30:15.123Z");

    static {
        // the builders fill array-of-record defaults by loading generated classes, which Avro must trust first
        GeneratedAvroClasses.trust();
    }

    private ReferralTestData() {
    }

    static Address.Builder anAddress() {
        return Address.newBuilder()
                .setLines(List.of("1 Example Street"))
                .setTown("Peterborough")
                .setPostcode("PE1 1AA");
    }

    static Child.Builder aChild() {
        return Child.newBuilder()
                .setGivenNames("Alex")
                .setFamilyName("Example")
                .setDateOfBirth(LocalDate.of(2016, 5, 4))
                .setAddress(anAddress().build())
                .setDisabilities(List.of())
                .setSchoolOrSetting("Example Primary School");
    }

    static Person.Builder aParent() {
        return Person.newBuilder()
                .setName("Sam Example")
                .setRelationship("mother")
                .setDateOfBirth(LocalDate.of(1988, 11, 30))
                .setAddress(anAddress().build())
                .setHasParentalResponsibility(true);
    }

    static Referrer.Builder aReferrer() {
        return Referrer.newBuilder()
                .setAgencyCode("SCH-0001")
                .setAgencyName("Example Primary School")
                .setKind(ReferrerKind.PROFESSIONAL)
                .setRole("Designated safeguarding lead")
                .setName("Jo Teacher");
    }

    static ReferralSubmitted.Builder aReferralSubmitted() {
        return ReferralSubmitted.newBuilder()
                .setAgencyReference("SCH-0001-2025-0042")
                .setSubmittedAt(SUBMITTED_AT)
                .setLocalAuthority("peterborough")
                .setChannel(ReferralChannel.EVENT)
                .setReferrer(aReferrer().build())
                .setChild(aChild().build())
                .setParentsOrCarers(List.of(aParent().build()))
                .setNatureOfConcern("Fictional concern for a test")
                .setIndicatorCodes(List.of("NEGLECT-01"))
                .setConsent(ConsentStatus.GIVEN);
    }

    public static ReferralReceived.Builder aReferralReceived() {
        return ReferralReceived.newBuilder()
                .setEventId(UUID.fromString("0b6f3c1e-4a59-4d7e-9a55-3f1f0c1f2a01"))
                .setReferralId(UUID.fromString("7d2c5b8a-1e3f-4c6d-8b9a-0a1b2c3d4e5f"))
                .setReceivedAt(SUBMITTED_AT.plusSeconds(2))
                .setChildKey("child-key-for-a-test")
                .setReferral(aReferralSubmitted().build());
    }
}
