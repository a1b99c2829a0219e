package dev.embedlab.vespa;

import com.yahoo.config.ModelReference;
import com.yahoo.embedding.huggingface.HuggingFaceEmbedderConfig;
import com.yahoo.vespa.model.VespaModel;
import dev.embedlab.vespa.testing.ApplicationPackages;
import dev.embedlab.vespa.testing.FetchModelsScript;
import dev.embedlab.vespa.testing.FetchModelsScript.Download;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Models are fetched from a commit, never a branch: a container resolves its model URLs whenever it takes its config,
 * so a moved branch would mix vectors of two model versions. The deployed URLs (as Vespa's config model produces
 * them) are exactly files that scripts/fetch-models.sh downloads and verifies against a sha256.
 */
class PinnedModelUrlsTest {

    /** A Hugging Face file at a full commit id. */
    private static final Pattern PINNED = Pattern.compile("https://huggingface\\.co/[\\w.-]+/[\\w.-]+/resolve/[0-9a-f]{40}/\\S+");
    /** A literal Hugging Face resolve URL (huggingface.co or its short host hf.co) whose revision is not a full commit id. */
    private static final Pattern UNPINNED =
            Pattern.compile("(?<![\\w.-])(?:huggingface|hf)\\.co/[\\w.-]+/[\\w.-]+/resolve/(?![0-9a-f]{40}/)[^/\\s\"'`]+");

    private static VespaModel model;
    private static Map<String, Download> fetchedByUrl;

    @BeforeAll
    static void buildModelAndReadThePlan() throws Exception {
        model = ApplicationPackages.validate(ApplicationPackages.productionPackage());
        fetchedByUrl = FetchModelsScript.plan().stream().collect(Collectors.toMap(Download::url, Function.identity()));
    }

    @Test
    void everyDeployedModelUrlIsAPinnedFileThatFetchModelsVerifies() {
        HuggingFaceEmbedderConfig e5 = model.getConfig(HuggingFaceEmbedderConfig.class, "default/component/e5");
        StaticLookupEmbedderConfig staticLookup = model.getConfig(StaticLookupEmbedderConfig.class, "default/component/static");
        Map<String, ModelReference> deployed = Map.of(
                "e5 transformer-model", e5.transformerModelReference(),
                "e5 tokenizer-model", e5.tokenizerPathReference(),
                "static model", staticLookup.modelReference(),
                "static tokenizer", staticLookup.tokenizerReference());
        deployed.forEach((what, reference) -> {
            String url = reference.url().orElseThrow(() -> new AssertionError(what + " has no url: " + reference)).value();
            assertTrue(PINNED.matcher(url).matches(), what + " is not pinned to a commit: " + url);
            Download fetched = fetchedByUrl.get(url);
            assertTrue(fetched != null, what + " " + url + " is not a file fetch-models.sh downloads: " + fetchedByUrl.keySet());
            assertTrue(fetched.verified(), what + ": fetch-models.sh has no sha256 for " + fetched.name());
        });
    }

    @Test
    void everyFileFetchModelsDownloadsIsPinned() {
        fetchedByUrl.keySet().forEach(url -> assertTrue(PINNED.matcher(url).matches(), "not pinned to a commit: " + url));
    }

    @Test
    void noUnpinnedModelUrlInTheApplicationTheScriptsOrTheReadme() throws IOException {
        Path root = ApplicationPackages.projectRoot();
        List<String> unpinned = new ArrayList<>();
        for (Path dir : List.of(root.resolve("app/src/main"), root.resolve("scripts"), root.resolve("README.md"))) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    List<String> lines = textLines(file);
                    for (int i = 0; i < lines.size(); i++)
                        if (unpinned(lines.get(i)))
                            unpinned.add(root.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertEquals(List.of(), unpinned);
    }

    @Test
    void branchAndTagUrlsOnEitherHostCountAsUnpinned() {
        for (String line : List.of("url=\"https://huggingface.co/intfloat/multilingual-e5-small/resolve/main/onnx/model.onnx\"",
                                   "curl -LO https://hf.co/intfloat/multilingual-e5-small/resolve/main/tokenizer.json",
                                   "see hf.co/org/model/resolve/v1.0/model.onnx",
                                   "`https://huggingface.co/org/model/resolve/refs%2Fpr%2F3/model.onnx`"))
            assertTrue(unpinned(line), line);
        for (String line : List.of("https://huggingface.co/org/model/resolve/614241f622f53c4eeff9890bdc4f31cfecc418b3/model.onnx",
                                   "https://hf.co/org/model/resolve/614241f622f53c4eeff9890bdc4f31cfecc418b3/model.onnx",
                                   "a mirror with the same `<repo>/resolve/<commit>/<file>` layout",
                                   "https://huggingface.co/org/model/blob/main/README.md"))
            assertFalse(unpinned(line), line);
    }

    private static boolean unpinned(String line) {
        return line.contains("resolve/main") || UNPINNED.matcher(line).find();
    }

    /** The lines of a text file; none for a model or other binary file (such as a trained e5-fast table). */
    private static List<String> textLines(Path file) throws IOException {
        if (Files.size(file) > 1 << 20) return List.of();
        byte[] bytes = Files.readAllBytes(file);
        for (byte b : bytes) if (b == 0) return List.of();
        return new String(bytes, StandardCharsets.UTF_8).lines().toList();
    }
}
