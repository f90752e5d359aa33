package uk.mash.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one benchmark ({@code ./run-benchmark.sh}, options in {@link BenchmarkSettings#USAGE}), logs the results as
 * markdown and writes them to the results file. Exits 0 when every referral ended correctly, 1 when any did not
 * (the results say which), 2 when the run could not be made (bad options, a stalled pipeline, a failure).
 */
public final class BenchmarkMain {

    private static final Logger log = LoggerFactory.getLogger(BenchmarkMain.class);

    private BenchmarkMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        BenchmarkSettings settings;
        try {
            settings = BenchmarkSettings.fromArguments(args);
        }
        catch (IllegalArgumentException e) {
            log.error(e.getMessage());
            return 2;
        }
        BenchmarkReport report;
        try {
            report = new Benchmark(settings).run();
        }
        catch (RuntimeException e) {
            log.error("The benchmark could not finish: {}", e.getMessage(), e);
            return 2;
        }
        String markdown = ResultsTable.markdown(report);
        write(settings.results(), markdown);
        log.info("\n\nBenchmark results (also in {}):\n\n{}", settings.results().toAbsolutePath(), markdown);
        if (!report.verdict().passed()) {
            log.error("CORRECTNESS FAILED: not every referral ended with one outcome per version and one notification "
                    + "per outcome that stands:\n  {}", String.join("\n  ", report.verdict().problems()));
            return 1;
        }
        return 0;
    }

    private static void write(Path results, String markdown) {
        try {
            Path directory = results.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Files.writeString(results, markdown);
        }
        catch (IOException e) {
            log.warn("Could not write the results to {}: {}", results, e.toString());
        }
    }
}
