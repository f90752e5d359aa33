package uk.mash.platform.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The systems and people allowed to call a service, each with an API key of which only the SHA-256 hash is kept.
 *
 * @param header the request header that carries the API key
 * @param clients the known clients
 */
@ConfigurationProperties("referrals.security")
public record ApiClients(@DefaultValue("X-Api-Key") String header, @DefaultValue List<ApiClient> clients) {

    /**
     * @param name who the client is, as recorded in the audit trail (e.g. an agency system or a MASH worker)
     * @param keySha256 hex SHA-256 of the API key
     * @param agencyCode the agency an agency system submits for; it sees only that agency's referrals
     * @param roles AGENCY, MASH_WORKER or OPERATIONS
     */
    public record ApiClient(String name, String keySha256, String agencyCode, @DefaultValue List<String> roles) {
    }
}
