package dev.embedlab.vespa.testing;

import ai.vespa.embedding.HuggingFaceEmbedder;
import ai.vespa.modelintegration.evaluator.OnnxRuntime;
import ai.vespa.modelintegration.evaluator.config.OnnxEvaluatorConfig;
import com.yahoo.component.annotation.Inject;
import com.yahoo.config.ModelReference;
import com.yahoo.embedding.huggingface.HuggingFaceEmbedderConfig;
import com.yahoo.language.process.Embedder;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Vespa's own HuggingFaceEmbedder, made to run in the standalone test container.
 *
 * <p>There, a {@code model} config field given as {@code path=} arrives unresolved and the stock component fails
 * with a NullPointerException. This subclass takes exactly the stock config and only resolves those references
 * against the test application package directory. Everything else (tokenizer, ONNX, prefixes, pooling,
 * normalization) is the production code path.
 */
public class AppPackageHuggingFaceEmbedder extends HuggingFaceEmbedder {

    /** Set by {@link TestApplication} before the container starts. */
    public static final String APPLICATION_DIR_PROPERTY = "embedlab.test.application.dir";
    private static final String LOCAL_FILE_DB = "LocalFileDb:";

    @Inject
    public AppPackageHuggingFaceEmbedder(OnnxRuntime onnx, Embedder.Runtime runtime,
                                         HuggingFaceEmbedderConfig config, OnnxEvaluatorConfig onnxConfig) {
        super(onnx, runtime, config, onnxConfig, AppPackageHuggingFaceEmbedder::resolve);
    }

    static Path resolve(ModelReference reference) {
        if (reference.value() != null) return reference.value();
        String relative = reference.path()
                .orElseThrow(() -> new IllegalArgumentException("Model reference " + reference + " has no path"))
                .value();
        // Components of the application's own bundle see the standalone container's local file db prefix.
        if (relative.startsWith(LOCAL_FILE_DB)) relative = relative.substring(LOCAL_FILE_DB.length());
        String applicationDir = System.getProperty(APPLICATION_DIR_PROPERTY);
        if (applicationDir == null) throw new IllegalStateException(APPLICATION_DIR_PROPERTY + " is not set");
        Path file = Path.of(applicationDir).resolve(relative);
        if ( ! Files.isRegularFile(file)) throw new IllegalArgumentException("Model file " + file + " does not exist");
        return file;
    }
}
