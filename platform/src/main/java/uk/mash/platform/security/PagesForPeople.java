package uk.mash.platform.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;

import uk.mash.platform.web.GovUkFrontendAssets;

/**
 * A service's pages for people in a browser (the MASH worker console, the operations page), under one path. A browser
 * cannot send an API key header, so a person signs in once with their key ({@link KeySignIn}: only keys carrying the
 * pages' role) and keeps a session; every form carries a CSRF token and signing out is a form too. The pages get their
 * own security chain, to be ordered before the platform's stateless API chain, which is left as it is. A form sent
 * after the session ended is kept for the person to send again once signed in ({@link FormNotSent}).
 *
 * @param base the pages' path, e.g. {@code /console}; sign-in is at {@code base/sign-in}, sign-out at
 *        {@code base/sign-out}, GOV.UK Frontend's stylesheet under {@code base/assets/}
 * @param role the role a key must carry to sign in, e.g. {@code MASH_WORKER}
 * @param keyField the sign-in form's field for the key, e.g. {@code workerKey}
 * @param home where a person lands once signed in
 */
public record PagesForPeople(String base, String role, String keyField, String home) {

    public String assets() {
        return base + "/assets/";
    }

    public SecurityFilterChain securityChain(HttpSecurity http, ApiClients clients) throws Exception {
        return http
                .securityMatcher(base, base + "/**")
                .authenticationProvider(new KeySignIn(clients, role))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(base + "/sign-in", assets() + "**").permitAll()
                        .anyRequest().hasRole(role))
                .formLogin(form -> form
                        .loginPage(base + "/sign-in")
                        .passwordParameter(keyField)
                        .successHandler((request, response, signedIn) -> response.sendRedirect(
                                FormNotSent.returnTo(request, home)))
                        .failureUrl(base + "/sign-in?error"))
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(
                        FormNotSent.keptForAfterSignIn(base, base + "/sign-in")))
                .logout(logout -> logout
                        .logoutUrl(base + "/sign-out")
                        .logoutSuccessUrl(base + "/sign-in?signed-out"))
                // pages about children's cases: nothing from elsewhere, never framed, forms post only here
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")))
                .build();
    }

    public void serveStylesheet(ResourceHandlerRegistry registry) {
        GovUkFrontendAssets.serveUnder(registry, assets());
    }
}
