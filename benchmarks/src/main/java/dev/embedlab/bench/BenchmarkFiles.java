package dev.embedlab.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where benchmarks find models and data: the project root is the working directory or -Dembedlab.root. */
public final class BenchmarkFiles {

    private BenchmarkFiles() { }

    public static Path projectRoot() {
        return Path.of(System.getProperty("embedlab.root", ".")).toAbsolutePath().normalize();
    }

    public static Path e5SmallV2() {
        return require(projectRoot().resolve("models/e5-small-v2"), "run `mvn -pl models generate-resources`");
    }

    public static Path miracl() {
        return require(projectRoot().resolve("../shared/data/miracl").normalize(), "run scripts/fetch-data.sh");
    }

    static Path require(Path path, String hint) {
        if ( ! Files.exists(path)) throw new IllegalStateException(path + " does not exist: " + hint);
        return path;
    }
}
