package dev.embedlab.staticembed;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Where the shared (never committed) test data lives; tests skip with a clear message when it is absent. */
final class TestData {

    private TestData() {
    }

    static Path projectRoot() {
        return Path.of(System.getProperty("embedlab.root", "..")).toAbsolutePath().normalize();
    }

    /** {@code <root>/../shared/data/model2vec-fixtures}, or a skipped test. */
    static Path fixtures() {
        Path fixtures = projectRoot().resolveSibling("shared").resolve("data").resolve("model2vec-fixtures");
        assumeTrue(Files.isDirectory(fixtures), "model2vec fixtures not found at " + fixtures + ": skipping");
        return fixtures;
    }

    static Path fixture(String name) {
        return fixtures().resolve(name);
    }
}
