package uk.mash.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.util.FileSystemUtils;

import uk.mash.platform.embedded.postgres.EmbeddedDatabase;

/**
 * A local stack on free ports and in a fresh data directory for one test class, with a driver pointed at it; the
 * directory goes when the class is done. Register it as a static field with {@code @RegisterExtension}. A feature's
 * tests may extend it for helpers only they need.
 */
public class LocalStackExtension implements BeforeAllCallback, AfterAllCallback {

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
        driver = new PipelineDriver(stack.bootstrapServers(), stack.registryUrl().toString(), stack::serviceUrl,
                new PipelineDriver.Database(stack.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        stack.close();
        FileSystemUtils.deleteRecursively(home);
    }

    public LocalStack stack() {
        return stack;
    }

    public PipelineDriver driver() {
        return driver;
    }

    /** Stops the service, lets the rest of the pipeline run on while it is down, and starts it again. */
    public void restartAfter(PipelineService service, Runnable whileStopped) {
        stack.stopService(service);
        whileStopped.run();
        stack.startService(service);
    }

    /** Stops the service and starts it again with further arguments and initializers (a clock, a hook). */
    public void restart(PipelineService service, List<String> arguments,
            ApplicationContextInitializer<?>... initializers) {
        stack.stopService(service);
        stack.startService(service, arguments, initializers);
    }
}
