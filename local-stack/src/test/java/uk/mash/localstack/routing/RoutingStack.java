package uk.mash.localstack.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import uk.mash.localstack.LocalStack;
import uk.mash.localstack.LocalStackSettings;
import uk.mash.localstack.PipelineService;

/**
 * A whole local stack on free ports in a fresh directory for one test class, with a driver for the router's topics
 * and API. Register it as a static field with {@code @RegisterExtension}.
 */
final class RoutingStack implements BeforeAllCallback, AfterAllCallback {

    private Path home;
    private LocalStack stack;
    private RouterDriver driver;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        home = Files.createTempDirectory("routing-test");
        stack = LocalStack.start(LocalStackSettings.ephemeral(home));
        driver = new RouterDriver(stack.bootstrapServers(), stack.registryUrl().toString(), this::routerUrl);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        stack.close();
        try (Stream<Path> paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    void restartRouterAfter(Runnable whileStopped) {
        stack.stopService(PipelineService.EARLY_HELP_ROUTER);
        whileStopped.run();
        stack.startService(PipelineService.EARLY_HELP_ROUTER);
    }

    RouterDriver driver() {
        return driver;
    }

    private URI routerUrl() {
        return stack.serviceUrl(PipelineService.EARLY_HELP_ROUTER);
    }
}
