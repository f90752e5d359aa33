package uk.mash.localstack.triage;

import java.io.IOException;
import java.io.UncheckedIOException;
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

/** A whole local stack on free ports for one test class, with a driver for triage's topics and API. */
final class TriageStack implements BeforeAllCallback, AfterAllCallback {

    private Path home;
    private LocalStack stack;
    private TriageDriver driver;

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            home = Files.createTempDirectory("triage-e2e");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stack = LocalStack.start(LocalStackSettings.ephemeral(home));
        driver = new TriageDriver(stack.bootstrapServers(), stack.registryUrl().toString(),
                stack.serviceUrl(PipelineService.MASH_TRIAGE), stack.jdbcUrl());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stack.close();
        try (Stream<Path> paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TriageDriver driver() {
        return driver;
    }
}
