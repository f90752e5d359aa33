package uk.mash.platform.audit;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/** The audit trail and the clock every service reads time from (tests replace the clock). */
@AutoConfiguration(after = JdbcTemplateAutoConfiguration.class)
public class AuditAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    AuditTrail auditTrail(JdbcTemplate jdbc, Clock clock) {
        return new AuditTrail(jdbc, clock);
    }
}
