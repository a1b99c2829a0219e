package dev.embedlab.tools.data;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Locates ../shared/data next to the project root (system property embedlab.root) or skips the test. */
public final class SharedData {

    private SharedData() {
    }

    public static Path miracl(String file) {
        String root = System.getProperty("embedlab.root");
        assumeTrue(root != null, "system property embedlab.root not set: skipping a test that needs ../shared/data");
        Path path = Path.of(root).resolve("../shared/data/miracl").resolve(file).normalize();
        assumeTrue(Files.isReadable(path), "shared data not present: " + path + " (see shared/data/README.md)");
        return path;
    }
}
