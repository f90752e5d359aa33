package uk.mash.router.routing;

import java.util.Locale;

/**
 * Why an outcome that stands has no queue. Each is a gap in the routing table or in the referral, for operations to
 * put right; the outcome waits on the dead-letter topic meanwhile.
 */
enum UnroutableReason {

    /** The referral's local authority has no routing table. */
    UNKNOWN_LOCAL_AUTHORITY,
    /** The authority's table has no entry for this outcome. */
    NO_TABLE_ENTRY,
    /** The team is chosen by locality, the child's address has no usable postcode and there is no default. */
    NO_POSTCODE,
    /** The team is chosen by locality, no locality names the child's postcode and there is no default. */
    UNKNOWN_LOCALITY,
    /** A single-agency referral that names no organisation. */
    NO_IDENTIFIED_ORGANISATION,
    /** Sent to the allocated social worker, but the router knows no open case for the child. */
    NO_OPEN_CASE;

    /** The value of the metric's reason tag. */
    String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
