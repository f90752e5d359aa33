package uk.mash.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The production configuration: a service that trusts the council's identity provider takes bearer tokens, maps
 * their claims to the same caller an API key gives, and still refuses callers without the role.
 */
@SpringBootTest(classes = BearerTokenCallersTest.TokenProtectedService.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "spring.autoconfigure.exclude=" + BearerTokenCallersTest.EXCLUDED)
class BearerTokenCallersTest {

    static final String EXCLUDED = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
            + "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration,"
            + "uk.mash.platform.kafka.PlatformKafkaAutoConfiguration,"
            + "uk.mash.platform.audit.AuditAutoConfiguration,"
            + "uk.mash.platform.jdbc.DatabaseTransactionsAutoConfiguration";

    private static final KeyPair IDENTITY_PROVIDER_KEYS = rsaKeyPair();
    private static final KeyPair SOMEONE_ELSES_KEYS = rsaKeyPair();
    private static final String THIS_SERVICE = "mash-referral-pipeline";

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void trustTheIdentityProvider(DynamicPropertyRegistry properties) {
        properties.add("spring.security.oauth2.resourceserver.jwt.public-key-location",
                () -> "file:" + publicKeyPem(IDENTITY_PROVIDER_KEYS));
        properties.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> THIS_SERVICE);
    }

    @Test
    void agencySystemWithAValidTokenIsTheCallerItsClaimsName() throws Exception {
        HttpResponse<String> response = get(token(IDENTITY_PROVIDER_KEYS, List.of("AGENCY"), "SCHOOL-0001"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("school-system acting for SCHOOL-0001");
    }

    @Test
    void tokenWithoutTheAgencyRoleIsForbidden() throws Exception {
        HttpResponse<String> response = get(token(IDENTITY_PROVIDER_KEYS, List.of("OPERATIONS"), null));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void tokenTheIdentityProviderIssuedForAnotherApplicationIsUnauthorisedWhateverItsRoles() throws Exception {
        HttpResponse<String> response = get(token(IDENTITY_PROVIDER_KEYS, List.of("AGENCY"), "SCHOOL-0001",
                "council-housing-portal"));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void aServiceTakingBearerTokensWithoutAnAudienceToRequireDoesNotStart() {
        SpringApplicationBuilder withoutAudience = new SpringApplicationBuilder(TokenProtectedService.class)
                .properties("server.port=0", "spring.autoconfigure.exclude=" + EXCLUDED,
                        "spring.security.oauth2.resourceserver.jwt.public-key-location=file:"
                                + publicKeyPem(IDENTITY_PROVIDER_KEYS));

        assertThatThrownBy(withoutAudience::run).hasStackTraceContaining("set JWT_AUDIENCE");
    }

    @Test
    void tokenSignedByAnotherIssuerIsUnauthorised() throws Exception {
        HttpResponse<String> response = get(token(SOMEONE_ELSES_KEYS, List.of("AGENCY"), "SCHOOL-0001"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("bearer token");
    }

    private HttpResponse<String> get(String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/whoami"))
                .header("Authorization", "Bearer " + token)
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String token(KeyPair keys, List<String> roles, String agencyCode) {
        return token(keys, roles, agencyCode, THIS_SERVICE);
    }

    private static String token(KeyPair keys, List<String> roles, String agencyCode, String audience) {
        RSAKey key = new RSAKey.Builder((RSAPublicKey) keys.getPublic()).privateKey((RSAPrivateKey) keys.getPrivate())
                .build();
        var encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .subject("school-system")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(300))
                .audience(List.of(audience))
                .claim("roles", roles);
        if (agencyCode != null) {
            claims.claim("agency_code", agencyCode);
        }
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(),
                claims.build())).getTokenValue();
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path publicKeyPem(KeyPair keys) {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        try {
            Path file = Files.createTempFile("identity-provider", ".pem");
            file.toFile().deleteOnExit();
            return Files.writeString(file, pem);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TokenProtectedService {

        @RestController
        static class WhoAmI {

            @GetMapping("/whoami")
            @PreAuthorize("hasRole('AGENCY')")
            String whoAmI(@AuthenticationPrincipal CallerIdentity caller) {
                return caller.name() + " acting for " + caller.agencyCode();
            }
        }
    }
}
