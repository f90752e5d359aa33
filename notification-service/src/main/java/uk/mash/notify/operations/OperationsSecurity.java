package uk.mash.notify.operations;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import uk.mash.platform.security.ApiClients;
import uk.mash.platform.security.PagesForPeople;

/** The operations page: operators sign in with a key carrying the OPERATIONS role and keep a session. */
@Configuration(proxyBeanMethods = false)
class OperationsSecurity implements WebMvcConfigurer {

    static final PagesForPeople OPERATIONS = new PagesForPeople("/operations", "OPERATIONS", "operationsKey",
            "/operations");

    @Bean
    @Order(1)
    SecurityFilterChain operationsPageSecurity(HttpSecurity http, ApiClients clients) throws Exception {
        return OPERATIONS.securityChain(http, clients);
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        OPERATIONS.serveStylesheet(registry);
    }
}
