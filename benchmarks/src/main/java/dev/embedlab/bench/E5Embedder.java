package dev.embedlab.bench;

import ai.vespa.embedding.HuggingFaceEmbedder;
import ai.vespa.modelintegration.evaluator.OnnxRuntime;
import ai.vespa.modelintegration.evaluator.config.OnnxEvaluatorConfig;
import com.yahoo.config.ModelReference;
import com.yahoo.embedding.huggingface.HuggingFaceEmbedderConfig;
import com.yahoo.language.process.Embedder;

import java.nio.file.Path;

/** Vespa's own HuggingFaceEmbedder over an e5-small-v2 ONNX file, configured as services.xml configures e5. */
public final class E5Embedder {

    private E5Embedder() { }

    /** The max-tokens services.xml gives e5. */
    public static final int DEPLOYED_MAX_TOKENS = 512;

    /** @param onnxFile e5-small-v2-q.onnx (int8) or e5-small-v2.onnx (fp32) in models/e5-small-v2 */
    public static HuggingFaceEmbedder e5SmallV2(String onnxFile) {
        return e5SmallV2(onnxFile, DEPLOYED_MAX_TOKENS);
    }

    /** The same with another max-tokens: texts cut at {@code maxTokens} tokens, prefix and special tokens included. */
    public static HuggingFaceEmbedder e5SmallV2(String onnxFile, int maxTokens) {
        Path dir = BenchmarkFiles.e5SmallV2();
        var config = new HuggingFaceEmbedderConfig.Builder()
                .transformerModel(ModelReference.valueOf(dir.resolve(onnxFile).toString()))
                .tokenizerPath(ModelReference.valueOf(dir.resolve("e5-small-v2-q-tokenizer.json").toString()))
                .prependQuery("query: ").prependDocument("passage: ")
                .normalize(true).transformerMaxTokens(maxTokens)
                .build();
        return new HuggingFaceEmbedder(OnnxRuntime.testInstance(), Embedder.Runtime.testInstance(), config,
                                       new OnnxEvaluatorConfig.Builder().build(), ModelReference::value);
    }
}
