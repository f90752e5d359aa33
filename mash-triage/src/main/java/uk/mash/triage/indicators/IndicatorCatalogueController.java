package uk.mash.triage.indicators;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import uk.mash.platform.indicators.Indicator;
import uk.mash.platform.indicators.IndicatorCatalogue;

/**
 * Publishes the indicator catalogue so that agency systems can build their referral forms from it. The catalogue is
 * public guidance and holds no personal data, but like every other API it answers authenticated callers only (any
 * role): a key is what tells us which systems depend on it.
 */
@RestController
class IndicatorCatalogueController {

    private final IndicatorCatalogue catalogue;

    IndicatorCatalogueController(IndicatorCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping("/api/v1/indicators")
    List<Indicator> indicators() {
        return List.copyOf(catalogue.all());
    }

    @Configuration(proxyBeanMethods = false)
    static class CatalogueConfiguration {

        @Bean
        IndicatorCatalogue indicatorCatalogue() {
            return IndicatorCatalogue.standard();
        }
    }
}
