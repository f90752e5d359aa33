package uk.mash.intake.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import uk.mash.events.Address;
import uk.mash.events.Child;
import uk.mash.events.EarlyHelpAssessmentStatus;
import uk.mash.events.Person;
import uk.mash.events.ReferralChannel;
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.Referrer;

/**
 * Turns a REST body into the submission event. Missing values stay missing (the generated setters accept null)
 * so that the validator can name every one of them. The channel is the way the referral came in, never the body's
 * say: a telephone referral's written follow-up is chased, so only MASH staff recording a call make one.
 */
final class ReferralRequestMapper {

    private ReferralRequestMapper() {
    }

    static ReferralSubmitted toSubmission(ReferralRequest request, ReferralChannel channel, Instant submittedAt) {
        ReferralSubmitted submission = new ReferralSubmitted();
        submission.setAgencyReference(request.agencyReference());
        submission.setSubmittedAt(submittedAt);
        submission.setLocalAuthority(request.localAuthority());
        submission.setChannel(channel);
        submission.setReferrer(referrer(request.referrer()));
        submission.setChild(child(request.child()));
        submission.setSiblings(people(request.siblings()));
        submission.setHouseholdMembers(people(request.householdMembers()));
        submission.setParentsOrCarers(people(request.parentsOrCarers()));
        submission.setNatureOfConcern(request.natureOfConcern());
        submission.setImpactOnChild(request.impactOnChild());
        submission.setIndicatorCodes(orEmpty(request.indicatorCodes()));
        submission.setImmediateRiskOfSignificantHarm(Boolean.TRUE.equals(request.immediateRiskOfSignificantHarm()));
        submission.setParentsInformed(request.parentsInformed());
        submission.setConsent(request.consent());
        submission.setChildViews(request.childViews());
        submission.setGillickCompetent(request.gillickCompetent());
        submission.setEarlyHelpAssessment(
                Objects.requireNonNullElse(request.earlyHelpAssessment(), EarlyHelpAssessmentStatus.NONE));
        submission.setSupportAlreadyProvided(request.supportAlreadyProvided());
        submission.setStrengthsAndResilience(request.strengthsAndResilience());
        submission.setDesiredOutcome(request.desiredOutcome());
        return submission;
    }

    private static Referrer referrer(ReferralRequest.ReferrerPart part) {
        if (part == null) {
            return null;
        }
        Referrer referrer = new Referrer();
        referrer.setAgencyCode(part.agencyCode());
        referrer.setAgencyName(part.agencyName());
        referrer.setKind(part.kind());
        referrer.setRole(part.role());
        referrer.setName(part.name());
        referrer.setEmail(part.email());
        referrer.setPhone(part.phone());
        referrer.setAnonymous(Boolean.TRUE.equals(part.anonymous()));
        return referrer;
    }

    private static Child child(ReferralRequest.ChildPart part) {
        if (part == null) {
            return null;
        }
        Child child = new Child();
        child.setGivenNames(part.givenNames());
        child.setFamilyName(part.familyName());
        child.setDateOfBirth(part.dateOfBirth());
        child.setExpectedDueDate(part.expectedDueDate());
        child.setGender(part.gender());
        child.setAddress(address(part.address()));
        child.setNhsNumber(part.nhsNumber());
        child.setEthnicity(part.ethnicity());
        child.setFirstLanguage(part.firstLanguage());
        child.setDisabilities(orEmpty(part.disabilities()));
        child.setSchoolOrSetting(part.schoolOrSetting());
        child.setCurrentLocation(part.currentLocation());
        return child;
    }

    private static Address address(ReferralRequest.AddressPart part) {
        return part == null ? null : new Address(orEmpty(part.lines()), part.town(), part.postcode(),
                part.country());
    }

    private static List<Person> people(List<ReferralRequest.PersonPart> parts) {
        return parts == null ? List.of()
                : parts.stream()
                        .map(p -> p == null ? null
                                : new Person(p.name(), p.relationship(), p.dateOfBirth(), address(p.address()),
                                        p.phone(), p.hasParentalResponsibility()))
                        .toList();
    }

    private static <T> List<T> orEmpty(List<T> values) {
        return values == null ? List.of() : values;
    }
}
