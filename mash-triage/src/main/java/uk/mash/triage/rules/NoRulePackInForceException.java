package uk.mash.triage.rules;

import java.time.LocalDate;

/** No rule pack is configured for the referral's local authority on the day it was received. */
public class NoRulePackInForceException extends RuntimeException {

    public NoRulePackInForceException(String localAuthority, LocalDate day) {
        super("No threshold rule pack is in force for local authority '" + localAuthority + "' on " + day
                + " (referrals.triage.rule-packs.in-force)");
    }
}
