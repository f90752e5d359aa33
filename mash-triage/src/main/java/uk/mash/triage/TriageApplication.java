package uk.mash.triage;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** MASH triage: applies the local authority's threshold rules to each received referral and issues outcomes. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class TriageApplication {

    public static void main(String[] args) {
        SpringApplication.run(TriageApplication.class, args);
    }
}
