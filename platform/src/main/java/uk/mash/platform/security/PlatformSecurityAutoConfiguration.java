package uk.mash.platform.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Every service answers only authenticated callers, except for health probes, Prometheus scrapes and the OpenAPI
 * document. Callers authenticate with an API key (the local stack, small deployments) or, once
 * {@code spring.security.oauth2.resourceserver.jwt.*} is configured, an OAuth2 bearer token from the council's
 * identity provider. Refusals are RFC 9457 problem details like every other error.
 */
@AutoConfiguration(before = { ServletWebSecurityAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class,
        OAuth2ResourceServerAutoConfiguration.class })
@EnableConfigurationProperties({ ApiClients.class, JwtCallerSettings.class })
@EnableMethodSecurity
public class PlatformSecurityAutoConfiguration {

    // Matches every request, so it comes last; a service may add chains of its own for other paths (mash-triage's
    // browser console under /console/**), ordered before it, without losing this one.
    @Bean
    @ConditionalOnMissingBean(name = "apiKeySecurity")
    SecurityFilterChain apiKeySecurity(HttpSecurity http, ApiClients clients, JwtCallerSettings jwtCallers,
            ObjectProvider<JwtDecoder> jwtDecoder, ObjectProvider<OAuth2ResourceServerProperties> resourceServerSettings)
            throws Exception {
        if (jwtDecoder.getIfAvailable() != null) {
            requireAnAudience(resourceServerSettings.getIfAvailable());
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(new JwtCallerConverter(jwtCallers)))
                    .authenticationEntryPoint((request, response, e) -> problem(response, HttpStatus.UNAUTHORIZED,
                            "Send a valid bearer token or API key.")));
        }
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiKeyAuthenticationFilter(clients), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
                                "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
                                "/swagger-ui/**", "/error")
                        .permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> problem(response, HttpStatus.UNAUTHORIZED,
                                "Send a valid API key in the " + clients.header() + " header."))
                        .accessDeniedHandler((request, response, e) -> problem(response, HttpStatus.FORBIDDEN,
                                "Your API key does not carry the role this needs.")))
                .build();
    }

    /**
     * A council's identity provider issues tokens to many applications, some with roles of the same names: without
     * an audience to check, a token issued to any of them would open this service's children's data.
     */
    private static void requireAnAudience(OAuth2ResourceServerProperties resourceServer) {
        if (resourceServer == null || resourceServer.getJwt().getAudiences().isEmpty()) {
            throw new IllegalStateException("Bearer tokens are accepted (spring.security.oauth2.resourceserver.jwt.*) "
                    + "but no audience is required of them: set JWT_AUDIENCE "
                    + "(spring.security.oauth2.resourceserver.jwt.audiences) to the audience the identity provider "
                    + "puts in the tokens it issues for this service");
        }
    }

    private static void problem(jakarta.servlet.http.HttpServletResponse response, HttpStatus status, String detail)
            throws java.io.IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase()
                + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail + "\"}");
    }
}
