package uk.mash.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

class KeySignInTest {

    private static final ApiClients CLIENTS = new ApiClients("X-Api-Key", List.of(
            client("on-call-operator", "operator-key", null, "OPERATIONS"),
            client("duty-worker", "worker-key", null, "MASH_WORKER", "OPERATIONS"),
            client("school-system", "school-key", "SCHOOL-0001", "AGENCY")));

    private final KeySignIn operations = new KeySignIn(CLIENTS, "OPERATIONS");

    @Test
    void aKeyWithThePagesRoleSignsInAsItsNamedClientWithAllItsRoles() {
        Authentication signedIn = operations.authenticate(attempt(" worker-key "));

        assertThat(signedIn.isAuthenticated()).isTrue();
        assertThat(signedIn.getName()).as("the name the audit trail records").isEqualTo("duty-worker");
        assertThat(signedIn.getCredentials()).as("the key is not kept in the session").isNull();
        assertThat(signedIn.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_MASH_WORKER", "ROLE_OPERATIONS");
    }

    @Test
    void aKnownKeyWithoutThePagesRoleIsRefusedAsIfUnknown() {
        assertThatThrownBy(() -> operations.authenticate(attempt("school-key")))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> new KeySignIn(CLIENTS, "MASH_WORKER").authenticate(attempt("operator-key")))
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void anUnknownOrBlankKeyIsRefusedWithoutTheKeyInTheMessage() {
        assertThatThrownBy(() -> operations.authenticate(attempt("not-a-key")))
                .isInstanceOf(BadCredentialsException.class)
                .hasMessageNotContaining("not-a-key");
        assertThatThrownBy(() -> operations.authenticate(attempt("   ")))
                .isInstanceOf(BadCredentialsException.class);
    }

    private static UsernamePasswordAuthenticationToken attempt(String key) {
        return UsernamePasswordAuthenticationToken.unauthenticated("", key);
    }

    private static ApiClients.ApiClient client(String name, String key, String agencyCode, String... roles) {
        return new ApiClients.ApiClient(name, HexFormat.of().formatHex(ApiKeyAuthenticationFilter.sha256(key)),
                agencyCode, List.of(roles));
    }
}
