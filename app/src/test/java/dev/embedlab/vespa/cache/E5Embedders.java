package dev.embedlab.vespa.cache;

import ai.vespa.embedding.HuggingFaceEmbedder;
import ai.vespa.modelintegration.evaluator.OnnxRuntime;
import ai.vespa.modelintegration.evaluator.config.OnnxEvaluatorConfig;
import com.yahoo.config.ModelReference;
import com.yahoo.embedding.huggingface.HuggingFaceEmbedderConfig;
import com.yahoo.language.process.Embedder;
import com.yahoo.tensor.TensorType;
import dev.embedlab.vespa.testing.ApplicationPackages;

import java.nio.file.Files;
import java.nio.file.Path;


/** Vespa's HuggingFaceEmbedder over e5-small-v2 int8 (Maven Central), built directly, outside any container. */
final class E5Embedders {

    static final TensorType FLOAT_384 = TensorType.fromSpec("tensor<float>(x[384])");
    static final TensorType BITS_48 = TensorType.fromSpec("tensor<int8>(x[48])");

    private E5Embedders() { }

    /** Skips the calling test when the models module has not unpacked e5-small-v2. */
    static void assumePresent() {
        ApplicationPackages.e5SmallV2Dir();
    }

    /**
     * With the settings of services.xml: E5 prefixes, mean pooling, normalized. (Without prefixes:
     * {@link dev.embedlab.vespa.testing.E5Reference#withoutPrefixes()}.)
     */
    static HuggingFaceEmbedder withPrefixes() {
        Path dir = ApplicationPackages.e5SmallV2Dir();
        var config = new HuggingFaceEmbedderConfig.Builder()
                .transformerModel(ModelReference.valueOf(dir.resolve("e5-small-v2-q.onnx").toString()))
                .tokenizerPath(ModelReference.valueOf(dir.resolve("e5-small-v2-q-tokenizer.json").toString()))
                .prependQuery("query: ")
                .prependDocument("passage: ")
                .normalize(true)
                .transformerMaxTokens(512)
                .build();
        return new HuggingFaceEmbedder(OnnxRuntime.testInstance(), Embedder.Runtime.testInstance(), config,
                                       new OnnxEvaluatorConfig.Builder().build(), ModelReference::value);
    }
}
