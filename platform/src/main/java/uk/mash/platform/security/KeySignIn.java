package uk.mash.platform.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Signs a person in to a page for people (the MASH worker console, the operations page) with their key, checked as
 * the API checks it (SHA-256 hash compared in constant time against the same clients), so they are the same named
 * caller in the audit trail either way. Only a key carrying the page's role may sign in; any other is refused as if
 * unknown. Production would sign people in with the council's identity provider (OIDC) instead of a key.
 */
public class KeySignIn implements AuthenticationProvider {

    private final ApiClients clients;
    private final String role;

    /**
     * @param clients the known clients and their keys' hashes
     * @param role the role a key must carry to sign in (MASH_WORKER, OPERATIONS)
     */
    public KeySignIn(ApiClients clients, String role) {
        this.clients = clients;
        this.role = role;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        Object key = attempt.getCredentials();
        if (key == null || key.toString().isBlank()) {
            throw new BadCredentialsException("No key entered.");
        }
        return clients.withKey(key.toString())
                .filter(client -> client.roles().contains(role))
                .findFirst()
                .map(ApiClients.ApiClient::authenticated)
                .orElseThrow(() -> new BadCredentialsException("Not a key with the role " + role + "."));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
