package dev.embedlab.vespa.testing;

import ai.vespa.embedding.HuggingFaceEmbedder;
import ai.vespa.modelintegration.evaluator.OnnxRuntime;
import ai.vespa.modelintegration.evaluator.config.OnnxEvaluatorConfig;
import com.yahoo.config.ModelReference;
import com.yahoo.embedding.huggingface.HuggingFaceEmbedderConfig;
import com.yahoo.language.process.Embedder;
import com.yahoo.tensor.Tensor;
import com.yahoo.tensor.TensorAddress;
import com.yahoo.tensor.TensorType;

import java.nio.file.Path;

/**
 * The test application's e5 model (e5-small-v2 int8) through Vespa's HuggingFaceEmbedder with no prefixes, so a
 * test can add the prefix it expects and compare.
 */
public final class E5Reference {

    private static final TensorType TYPE = TensorType.fromSpec("tensor<float>(x[384])");

    private E5Reference() { }

    public static float[] embedWithoutPrefixes(String text) {
        var embedder = withoutPrefixes();
        try {
            return values(embedder.embed(text, new Embedder.Context("query(q_e5)"), TYPE));
        } finally {
            embedder.deconstruct();
        }
    }

    /** A new embedder (the caller deconstructs it) with the test application's settings but no prefixes. */
    public static HuggingFaceEmbedder withoutPrefixes() {
        Path dir = ApplicationPackages.e5SmallV2Dir();
        var config = new HuggingFaceEmbedderConfig.Builder()
                .transformerModel(ModelReference.valueOf(dir.resolve("e5-small-v2-q.onnx").toString()))
                .tokenizerPath(ModelReference.valueOf(dir.resolve("e5-small-v2-q-tokenizer.json").toString()))
                .normalize(true)
                .transformerMaxTokens(512)
                .build();
        return new HuggingFaceEmbedder(OnnxRuntime.testInstance(), Embedder.Runtime.testInstance(), config,
                                       new OnnxEvaluatorConfig.Builder().build(), ModelReference::value);
    }

    public static float[] values(Tensor tensor) {
        float[] values = new float[(int) tensor.size()];
        for (int i = 0; i < values.length; i++) values[i] = (float) tensor.get(TensorAddress.of(i));
        return values;
    }
}
