package uk.mash.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A local stack on free ports and in a fresh data directory for one test class, with a driver pointed at it.
 * Register it as a static field with {@code @RegisterExtension}.
 */
final class LocalStackExtension implements BeforeAllCallback, AfterAllCallback {

    private Path home;
    private LocalStack stack;
    private PipelineDriver driver;

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            home = Files.createTempDirectory("local-stack-test");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stack = LocalStack.start(LocalStackSettings.ephemeral(home));
        driver = new PipelineDriver(stack.bootstrapServers(), stack.registryUrl().toString(),
                stack.serviceUrl(PipelineService.REFERRAL_INTAKE),
                stack.serviceUrl(PipelineService.NOTIFICATION_SERVICE));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stack.close();
        LocalStack.deleteRecursively(home);
    }

    LocalStack stack() {
        return stack;
    }

    PipelineDriver driver() {
        return driver;
    }
}
