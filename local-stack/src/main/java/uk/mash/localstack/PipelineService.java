package uk.mash.localstack;

import uk.mash.intake.IntakeApplication;
import uk.mash.notify.NotifyApplication;
import uk.mash.router.RouterApplication;
import uk.mash.triage.TriageApplication;

/** The four services of the pipeline, with the module each comes from and its fixed default port. */
public enum PipelineService {

    REFERRAL_INTAKE("referral-intake", IntakeApplication.class, 8080),
    MASH_TRIAGE("mash-triage", TriageApplication.class, 8082),
    EARLY_HELP_ROUTER("early-help-router", RouterApplication.class, 8083),
    NOTIFICATION_SERVICE("notification-service", NotifyApplication.class, 8084);

    private final String module;
    private final Class<?> application;
    private final int defaultPort;

    PipelineService(String module, Class<?> application, int defaultPort) {
        this.module = module;
        this.application = application;
        this.defaultPort = defaultPort;
    }

    public String module() {
        return module;
    }

    public Class<?> application() {
        return application;
    }

    public int defaultPort() {
        return defaultPort;
    }
}
