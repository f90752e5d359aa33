package uk.mash.triage.console;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import uk.mash.platform.security.ApiClients;
import uk.mash.platform.security.PagesForPeople;

/** The worker console: MASH workers sign in with their MASH worker key and keep a session ({@link PagesForPeople}). */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity implements WebMvcConfigurer {

    static final PagesForPeople CONSOLE = new PagesForPeople("/console", "MASH_WORKER", "workerKey", "/console/tasks");

    @Bean
    @Order(1)
    SecurityFilterChain workerConsoleSecurity(HttpSecurity http, ApiClients clients) throws Exception {
        return CONSOLE.securityChain(http, clients);
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        CONSOLE.serveStylesheet(registry);
    }
}
