package uk.mash.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Import;

/** What every service's REST API shares beyond security: problem details for bodies it cannot read. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(UnreadableBodies.class)
public class PlatformWebAutoConfiguration {
}
