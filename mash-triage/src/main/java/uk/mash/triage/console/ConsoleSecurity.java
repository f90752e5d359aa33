package uk.mash.triage.console;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import uk.mash.platform.security.ApiClients;

/**
 * The worker console is for people in a browser, who cannot send an API key header: they sign in once with their
 * MASH worker key and keep a session, and every form carries a CSRF token. This chain covers only {@code /console/**}
 * and comes before the platform's stateless API chain, which is left as it is. Production would sign workers in with
 * the council's identity provider (OIDC, {@code spring-boot-starter-oauth2-client}) instead of a key.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity implements WebMvcConfigurer {

    static final String ASSETS = "/console/assets/";

    @Bean
    @Order(1)
    SecurityFilterChain workerConsoleSecurity(HttpSecurity http, ApiClients clients) throws Exception {
        return http
                .securityMatcher("/console/**")
                .authenticationProvider(new WorkerKeyAuthentication(clients))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/console/sign-in", ASSETS + "**").permitAll()
                        .anyRequest().hasRole("MASH_WORKER"))
                .formLogin(form -> form
                        .loginPage("/console/sign-in")
                        .passwordParameter("workerKey")
                        .defaultSuccessUrl("/console/tasks", true)
                        .failureUrl("/console/sign-in?error"))
                .logout(logout -> logout
                        .logoutUrl("/console/sign-out")
                        .logoutSuccessUrl("/console/sign-in?signed-out"))
                // pages of children's case details: nothing from elsewhere, never framed, forms post only here
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")))
                .build();
    }

    // GOV.UK Frontend's compiled stylesheet, served from its webjar under the console's own path so that the sign-in
    // page is styled before anyone has signed in. Its fonts are deliberately not served: the GDS Transport typeface
    // is for GOV.UK services only, so a council's console falls back to Arial as the Design System asks.
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(ASSETS + "**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/govuk-frontend/5.14.0/dist/govuk/");
    }
}
