package uk.mash.harness.referrals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import uk.mash.events.Address;
import uk.mash.events.Child;
import uk.mash.events.EarlyHelpAssessmentStatus;
import uk.mash.events.Person;
import uk.mash.events.ReferralChannel;
import uk.mash.events.ReferralSubmitted;
import uk.mash.events.Referrer;
import uk.mash.events.ReferrerKind;

/**
 * Realistic, valid and entirely fictional submissions of 1-2 KB, as agency systems send them: a child with a valid
 * NHS number and a Peterborough postcode, parents, siblings and a few paragraphs about the concern. Referral
 * {@code n} is the same on every run (same profile, same text), and every child is a different child.
 */
public final class ReferralGenerator {

    private static final List<Agency> AGENCIES = List.of(
            new Agency("POLICE-0001", "Cambridgeshire Constabulary", "Police constable", "pc.example@police.example"),
            new Agency("SCHOOL-0001", "Orton Primary School", "Designated Safeguarding Lead",
                    "dsl@orton-primary.example"),
            new Agency("HEALTH-0001", "Peterborough City Hospital", "Named nurse for safeguarding",
                    "safeguarding@hospital.example"),
            new Agency("HOUSING-0001", "Peterborough Housing", "Tenancy officer", "tenancy@housing.example"));

    private static final List<String> CONCERNS = List.of(
            "Attendance has fallen sharply this term and the child often arrives late, tired and hungry.",
            "Staff have noticed the child is withdrawn and reluctant to go home at the end of the day.",
            "The family moved twice in the last year and the child has missed several health appointments.",
            "Police attended a reported incident at the home overnight; the child was present in the house.",
            "The child disclosed to a teaching assistant that there is often shouting at home late at night.",
            "A neighbour reported that the children were left alone in the flat for most of the weekend.",
            "The child's clothing is frequently unwashed and too small, and other children have commented on it.",
            "The parent told staff that she is struggling to cope since her partner left and asked for help.",
            "The child has unexplained bruising to the upper arm; the explanation given was inconsistent.",
            "Housing officers found the property cold, with damp in the children's bedroom and little food.");
    private static final List<String> IMPACTS = List.of(
            "Falling behind in reading and maths; finds it hard to concentrate in class.",
            "Sleeping badly, anxious in the mornings, and has stopped attending after-school clubs.",
            "Missed immunisations and a dental check; a hearing test has been postponed twice.");
    private static final List<String> VIEWS = List.of(
            "The child says home is busy and noisy and would like someone to talk to.",
            "The child says they worry about mum and do not want to get anyone into trouble.",
            "The child did not want to talk about home but said school is a safe place.");
    private static final List<String> STRENGTHS = List.of(
            "A warm relationship with a grandparent who lives nearby; good friendships at school.",
            "The parent engages well with school staff and has attended every meeting offered.",
            "The child is doing well in sport and has a trusted adult in the pastoral team.");
    private static final List<String> SUPPORT = List.of(
            "School nurse drop-in sessions; a referral to the family worker was discussed last term.",
            "Pastoral support twice a week and breakfast club since September.",
            "None so far beyond universal services.");
    private static final List<String> GIVEN_NAMES = List.of("Alex", "Sam", "Jordan", "Riley", "Casey", "Morgan",
            "Taylor", "Jamie", "Charlie", "Frankie");
    private static final List<String> FAMILY_NAMES = List.of("Example", "Sample", "Testcase", "Placeholder",
            "Fictional", "Dummy", "Specimen", "Exemplar");
    private static final String POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

    private final ReferralMix mix;
    private final String referencePrefix;
    private final LocalDate today;

    /**
     * @param mix the profiles and their weights
     * @param referencePrefix prefix of every agency reference, so that each run's referrals are its own
     */
    public ReferralGenerator(ReferralMix mix, String referencePrefix) {
        this.mix = mix;
        this.referencePrefix = referencePrefix;
        this.today = LocalDate.now();
    }

    public String agencyReferenceOf(long number) {
        return referencePrefix + "-" + number;
    }

    public ReferralProfile profileOf(long number) {
        return mix.profileOf(number);
    }

    /** Referral {@code number}, from any of the agencies. */
    public ReferralSubmitted referral(long number) {
        return referral(number, AGENCIES.get((int) (number % AGENCIES.size())).code());
    }

    /** Referral {@code number}, from the given agency (a REST caller may submit only for its own agency). */
    public ReferralSubmitted referral(long number, String agencyCode) {
        Random random = new Random(number * 31 + referencePrefix.hashCode());
        ReferralProfile profile = mix.profileOf(number);
        Agency agency = AGENCIES.stream().filter(a -> a.code().equals(agencyCode)).findFirst()
                .orElse(AGENCIES.get(0));
        String familyName = pick(random, FAMILY_NAMES);
        Address home = new Address(List.of((1 + random.nextInt(200)) + " Example Road", "Flat " + random.nextInt(9)),
                "Peterborough", postcode(random), null);
        Child child = new Child();
        child.setGivenNames(pick(random, GIVEN_NAMES));
        child.setFamilyName(familyName);
        child.setDateOfBirth(today.minusDays(365L + random.nextInt(365 * 15)));
        child.setGender(random.nextBoolean() ? "female" : "male");
        child.setAddress(home);
        child.setNhsNumber(NhsNumbers.of(number));
        child.setEthnicity("Not stated");
        child.setFirstLanguage("English");
        child.setDisabilities(List.of());
        child.setSchoolOrSetting("Orton Primary School");
        return ReferralSubmitted.newBuilder()
                .setAgencyReference(agencyReferenceOf(number))
                .setSubmittedAt(Instant.now())
                .setLocalAuthority("peterborough")
                .setChannel(ReferralChannel.EVENT)
                .setReferrer(Referrer.newBuilder()
                        .setAgencyCode(agency.code())
                        .setAgencyName(agency.name())
                        .setKind(ReferrerKind.PROFESSIONAL)
                        .setRole(agency.role())
                        .setName("A. Practitioner")
                        .setEmail(agency.email())
                        .setPhone("01733 000000")
                        .build())
                .setChild(child)
                .setParentsOrCarers(List.of(
                        person("Parent One " + familyName, "mother", home, random, true),
                        person("Parent Two " + familyName, "father", home, random, true)))
                .setSiblings(List.of(person(pick(random, GIVEN_NAMES) + " " + familyName, "brother", home, random,
                        false)))
                .setHouseholdMembers(List.of())
                .setNatureOfConcern(paragraph(random, CONCERNS, 4))
                .setImpactOnChild(pick(random, IMPACTS))
                .setIndicatorCodes(new ArrayList<>(profile.indicatorCodes()))
                .setImmediateRiskOfSignificantHarm(profile.immediateRisk())
                .setParentsInformed(!profile.immediateRisk())
                .setConsent(profile.consent())
                .setChildViews(pick(random, VIEWS))
                .setEarlyHelpAssessment(EarlyHelpAssessmentStatus.CONSIDERED)
                .setSupportAlreadyProvided(pick(random, SUPPORT))
                .setStrengthsAndResilience(pick(random, STRENGTHS))
                .setDesiredOutcome("Support for the family proportionate to the child's needs.")
                .build();
    }

    private Person person(String name, String relationship, Address home, Random random, boolean responsible) {
        return Person.newBuilder()
                .setName(name)
                .setRelationship(relationship)
                .setDateOfBirth(responsible ? today.minusYears(25 + random.nextInt(20)) : today.minusYears(2
                        + random.nextInt(14)))
                .setAddress(home)
                .setPhone(responsible ? "07700 900" + String.format("%03d", random.nextInt(1000)) : null)
                .setHasParentalResponsibility(responsible)
                .build();
    }

    private static String paragraph(Random random, List<String> sentences, int count) {
        List<String> chosen = new ArrayList<>(sentences);
        Collections.shuffle(chosen, random);
        return String.join(" ", chosen.subList(0, count));
    }

    private static String postcode(Random random) {
        return "PE" + (1 + random.nextInt(9)) + " " + random.nextInt(10)
                + POSTCODE_LETTERS.charAt(random.nextInt(POSTCODE_LETTERS.length()))
                + POSTCODE_LETTERS.charAt(random.nextInt(POSTCODE_LETTERS.length()));
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private record Agency(String code, String name, String role, String email) {
    }
}
