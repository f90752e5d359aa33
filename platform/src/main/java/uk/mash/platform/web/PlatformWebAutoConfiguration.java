package uk.mash.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.core.StreamReadFeature;

/** What every service's REST API shares beyond security: problem details for bodies it cannot read. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(UnreadableBodies.class)
public class PlatformWebAutoConfiguration {

    /**
     * A body giving a property twice is refused wherever a service reads JSON, where Jackson would keep the last value:
     * Boot 4 has no property for it. A {@link StrictJsonBody} reads past it to name every one.
     */
    @Bean
    JsonMapperBuilderCustomizer repeatedPropertiesRefused() {
        return json -> json.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }
}
