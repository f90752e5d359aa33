package uk.mash.localstack.console;

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

/** A whole local stack on free ports for one test class, for the MASH worker console in front of triage. */
final class ConsoleStack implements BeforeAllCallback, AfterAllCallback {

    private Path home;
    private LocalStack stack;

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            home = Files.createTempDirectory("console-e2e");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stack = LocalStack.start(LocalStackSettings.ephemeral(home));
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

    LocalStack stack() {
        return stack;
    }
}
