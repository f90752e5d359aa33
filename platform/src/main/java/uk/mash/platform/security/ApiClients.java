package uk.mash.platform.security;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The systems and people allowed to call a service, each with an API key of which only the SHA-256 hash is kept.
 *
 * @param header the request header that carries the API key
 * @param clients the known clients
 */
@ConfigurationProperties("referrals.security")
public record ApiClients(@DefaultValue("X-Api-Key") String header, @DefaultValue List<ApiClient> clients) {

    /**
     * The clients whose key this is, in order (one, keys being unique): the key's SHA-256 hash compared with each
     * client's in constant time.
     */
    public Stream<ApiClient> withKey(String key) {
        byte[] presented = ApiKeyAuthenticationFilter.sha256(key.strip());
        return clients.stream()
                .filter(client -> MessageDigest.isEqual(presented, HexFormat.of().parseHex(client.keySha256())));
    }

    /**
     * @param name who the client is, as recorded in the audit trail (e.g. an agency system or a MASH worker)
     * @param keySha256 hex SHA-256 of the API key
     * @param agencyCode the agency an agency system submits for; it sees only that agency's referrals
     * @param roles AGENCY, MASH_WORKER or OPERATIONS
     */
    public record ApiClient(String name, String keySha256, String agencyCode, @DefaultValue List<String> roles) {

        /** This client as an authenticated caller: its name and agency, its roles as authorities, no credentials. */
        public UsernamePasswordAuthenticationToken authenticated() {
            List<SimpleGrantedAuthority> authorities = roles.stream()
                    .map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                    .toList();
            return UsernamePasswordAuthenticationToken.authenticated(new CallerIdentity(name, agencyCode), null,
                    authorities);
        }
    }
}
