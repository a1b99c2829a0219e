package dev.embedlab.testsupport;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The one place tests find what is never committed: the shared data next to the project ({@code ../shared/data}:
 * MIRACL, model2vec fixtures) and the models the build unpacks or makes ({@code models/}).
 * <p>
 * A missing file skips the calling test with a message saying how to get it, unless the system property
 * {@value #REQUIRE_PROPERTY} is true: then it fails the test. CI sets it ({@code scripts/test.sh --require-data}),
 * so a green CI means every test that needs data ran.
 */
public final class TestData {

    public static final String REQUIRE_PROPERTY = "embedlab.requireTestData";

    private TestData() {
    }

    /** The project root (the aggregator directory), as surefire passes it in {@code embedlab.root}. */
    public static Path root() {
        String root = System.getProperty("embedlab.root");
        if (root == null) unavailable("system property embedlab.root is not set (run the tests through Maven)");
        return Path.of(root).toAbsolutePath().normalize();
    }

    /** {@code <root>/../shared/data}. */
    public static Path sharedData() {
        return root().resolve("../shared/data").normalize();
    }

    /** A file of the MIRACL dev sets, e.g. {@code yo-feed.jsonl.zst}. */
    public static Path miracl(String file) {
        return requireFile(sharedData().resolve("miracl").resolve(file), "MIRACL " + file, "see ../shared/data/README.md");
    }

    /** A model2vec reference fixture: a model folder such as {@code test-model-float32}, or a JSON file. */
    public static Path model2vecFixture(String name) {
        Path path = sharedData().resolve("model2vec-fixtures").resolve(name);
        if (!Files.exists(path)) unavailable("model2vec fixture " + name + " not found at " + path + ": see ../shared/data/README.md");
        return path;
    }

    /** {@code models/e5-small-v2}, with the int8 and fp32 ONNX files and their tokenizers. */
    public static Path e5SmallV2() {
        Path dir = root().resolve("models/e5-small-v2");
        requireFile(dir.resolve("e5-small-v2-q.onnx"), "e5-small-v2 int8", "mvn -pl models generate-resources");
        return dir;
    }

    /** The aligned query encoder the build trains against e5-small-v2 on 2,000 MIRACL passages (module distilled-model). */
    public static Path alignedStaticModel() {
        Path dir = root().resolve("models/e5-small-v2-aligned-2k");
        requireFile(dir.resolve("model.safetensors"), "the aligned static query model", "mvn -pl distilled-model -am verify");
        return dir;
    }

    /** {@code models/e5-small-v2/<name>}. */
    public static Path e5SmallV2(String name) {
        return requireFile(e5SmallV2().resolve(name), "e5-small-v2 file " + name, "mvn -pl models generate-resources");
    }

    /** The static model the build distills from e5-small-v2 (module distilled-model). */
    public static Path distilledStaticModel() {
        Path dir = root().resolve("models/e5-small-v2-m2v-256");
        requireFile(dir.resolve("model.safetensors"), "the distilled static model", "mvn -pl distilled-model -am verify");
        return dir;
    }

    /**
     * A file of the hand-worked metrics example ({@code metrics/README.md} in this module: qrels, run and
     * baseline files whose every number is computed by hand), copied out of the jar so tools can read it as a file.
     */
    public static Path metricsExample(String name) {
        String resource = "/metrics/" + name;
        try (InputStream in = TestData.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalArgumentException("no test resource " + resource);
            Path file = METRICS_COPIES.resolve(name);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Path METRICS_COPIES = temporaryDirectory();

    private static Path temporaryDirectory() {
        try {
            Path dir = Files.createTempDirectory("embedlab-metrics-example");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code path} if it is a regular file, else a skipped (or, in CI, failed) test naming it. */
    public static Path requireFile(Path path, String what, String howToGetIt) {
        if (!Files.isRegularFile(path)) unavailable(what + " not found at " + path + " (" + howToGetIt + ")");
        return path;
    }

    /** Skips the calling test, or fails it when data is required. */
    public static void unavailable(String message) {
        if (Boolean.getBoolean(REQUIRE_PROPERTY)) {
            throw new AssertionError(message + "; failing because " + REQUIRE_PROPERTY + "=true");
        }
        Assumptions.abort(message + ": skipped");
    }
}
