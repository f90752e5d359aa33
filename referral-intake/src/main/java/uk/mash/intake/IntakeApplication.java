package uk.mash.intake;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import uk.mash.platform.indicators.IndicatorCatalogue;

/** Referral intake: takes referrals from agency systems over REST and Kafka, and publishes the accepted ones. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class IntakeApplication {

    /** The codes agencies may send beside free text; the catalogue ships with the contracts. */
    @Bean
    IndicatorCatalogue indicatorCatalogue() {
        return IndicatorCatalogue.standard();
    }

    public static void main(String[] args) {
        SpringApplication.run(IntakeApplication.class, args);
    }
}
