package uk.mash.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which claims of a bearer token (OAuth2 JWT, used in production instead of API keys) say who the caller is. The
 * token itself is checked by Spring Security against {@code spring.security.oauth2.resourceserver.jwt.*}.
 *
 * @param nameClaim the claim recorded in the audit trail as the caller
 * @param agencyClaim the claim carrying the agency an agency system submits for
 * @param rolesClaim the claim listing the caller's roles (AGENCY, MASH_WORKER, OPERATIONS)
 */
@ConfigurationProperties("referrals.security.jwt")
public record JwtCallerSettings(
        @DefaultValue("sub") String nameClaim,
        @DefaultValue("agency_code") String agencyClaim,
        @DefaultValue("roles") String rolesClaim) {
}
