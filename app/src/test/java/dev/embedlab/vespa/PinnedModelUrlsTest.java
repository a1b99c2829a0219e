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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Models are fetched from a commit, never a branch: a container resolves its model URLs whenever it takes its config,
 * so a moved branch would mix vectors of two model versions. The deployed URLs (as Vespa's config model produces
 * them) are exactly files that scripts/fetch-models.sh downloads and verifies against a sha256.
 */
class PinnedModelUrlsTest {

    /** A Hugging Face file at a full commit id. */
    private static final Pattern PINNED = Pattern.compile("https://huggingface\\.co/[\\w.-]+/[\\w.-]+/resolve/[0-9a-f]{40}/\\S+");
    /** A literal Hugging Face resolve URL whose revision is not a full commit id (a branch or tag name). */
    private static final Pattern UNPINNED = Pattern.compile("huggingface\\.co/[\\w.-]+/[\\w.-]+/resolve/(?![0-9a-f]{40}/)[^/\\s\"']+");

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
    void noUnpinnedModelUrlInTheApplicationOrTheScripts() throws IOException {
        Path root = ApplicationPackages.projectRoot();
        List<String> unpinned = new ArrayList<>();
        for (Path dir : List.of(root.resolve("app/src/main"), root.resolve("scripts"))) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    List<String> lines = textLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        Matcher matcher = UNPINNED.matcher(lines.get(i));
                        if (lines.get(i).contains("resolve/main") || matcher.find())
                            unpinned.add(root.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertEquals(List.of(), unpinned);
    }

    /** The lines of a text file; none for a model or other binary file (such as a trained e5-fast table). */
    private static List<String> textLines(Path file) throws IOException {
        if (Files.size(file) > 1 << 20) return List.of();
        byte[] bytes = Files.readAllBytes(file);
        for (byte b : bytes) if (b == 0) return List.of();
        return new String(bytes, StandardCharsets.UTF_8).lines().toList();
    }
}
