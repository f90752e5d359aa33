package uk.mash.platform.web;

import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;

/**
 * GOV.UK Frontend's compiled stylesheet for the pages for people, served from its webjar under each page's own path so
 * that a sign-in page is styled before anyone has signed in. Its fonts are deliberately not served: the GDS Transport
 * typeface is for GOV.UK services only, so a council's pages fall back to Arial as the Design System asks.
 */
public final class GovUkFrontendAssets {

    /** The webjar's version; the services that serve pages depend on {@code org.webjars.npm:govuk-frontend} at it. */
    public static final String VERSION = "5.14.0";

    private GovUkFrontendAssets() {
    }

    /** Serves the stylesheet at {@code path + "govuk-frontend.min.css"}; {@code path} ends with a slash. */
    public static void serveUnder(ResourceHandlerRegistry registry, String path) {
        registry.addResourceHandler(path + "**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/govuk-frontend/" + VERSION + "/dist/govuk/");
    }
}
