package uk.mash.triage.console;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import uk.mash.platform.security.ApiClients;
import uk.mash.platform.security.ApiKeyAuthenticationFilter;
import uk.mash.platform.security.CallerIdentity;

/**
 * Signs a worker in to the console with their MASH worker key, checked as the API checks it (SHA-256 hash compared in
 * constant time against the same clients), so the worker is the same named caller in the audit trail either way.
 * Only MASH workers may sign in; any other key is refused as if unknown.
 */
class WorkerKeyAuthentication implements AuthenticationProvider {

    static final String MASH_WORKER = "MASH_WORKER";

    private final ApiClients clients;

    WorkerKeyAuthentication(ApiClients clients) {
        this.clients = clients;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        Object key = attempt.getCredentials();
        if (key == null || key.toString().isBlank()) {
            throw new BadCredentialsException("No worker key entered.");
        }
        byte[] presented = ApiKeyAuthenticationFilter.sha256(key.toString().strip());
        for (ApiClients.ApiClient client : clients.clients()) {
            if (MessageDigest.isEqual(presented, HexFormat.of().parseHex(client.keySha256()))
                    && client.roles().contains(MASH_WORKER)) {
                List<SimpleGrantedAuthority> authorities = client.roles().stream()
                        .map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                        .toList();
                return UsernamePasswordAuthenticationToken.authenticated(
                        new CallerIdentity(client.name(), client.agencyCode()), null, authorities);
            }
        }
        throw new BadCredentialsException("Not a MASH worker key.");
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
