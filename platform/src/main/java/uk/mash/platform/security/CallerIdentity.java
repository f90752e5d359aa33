package uk.mash.platform.security;

import java.security.Principal;

/**
 * Who made a request: a client name for the audit trail and, for an agency system, its agency.
 */
public record CallerIdentity(String name, String agencyCode) implements Principal {

    @Override
    public String getName() {
        return name;
    }

    public boolean actsFor(String agency) {
        return agencyCode != null && agencyCode.equals(agency);
    }
}
