package dev.embedlab.staticembed.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airlift.compress.zstd.ZstdInputStream;
import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Locates the project's models and the shared data; skips the calling test when a file is absent. */
final class TestFiles {

    private TestFiles() {
    }

    static Path root() {
        String root = System.getProperty("embedlab.root");
        Assumptions.assumeTrue(root != null, "system property embedlab.root is not set (run through Maven)");
        return Path.of(root).toAbsolutePath().normalize();
    }

    static Path sharedData() {
        return root().resolve("../shared/data").normalize();
    }

    /** {@code path}, or skips the test when it does not exist. */
    static Path require(Path path, String what) {
        Assumptions.assumeTrue(Files.isRegularFile(path), what + " not found at " + path + ": skipped");
        return path;
    }

    static Path e5Tokenizer() {
        return require(root().resolve("models/e5-small-v2/e5-small-v2-q-tokenizer.json"),
                "e5-small-v2 tokenizer (mvn -pl models generate-resources)");
    }

    static Path model2vecTokenizer() {
        return require(sharedData().resolve("model2vec-fixtures/test-model-float32/tokenizer.json"),
                "model2vec fixture tokenizer");
    }

    static Path vocabQuantizedTokenizer() {
        return require(sharedData().resolve("model2vec-fixtures/test-model-vocab-quantized/tokenizer.json"),
                "model2vec vocab-quantized fixture tokenizer");
    }

    /** The text column of a MIRACL topics file ({@code qid<TAB>text}). */
    static List<String> topics(String language) throws IOException {
        Path file = require(sharedData().resolve("miracl/topics.miracl-v1.0-" + language + "-dev.tsv"),
                "MIRACL " + language + " topics");
        List<String> texts = new ArrayList<>();
        int line = 0;
        for (String row : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            line++;
            int tab = row.indexOf('\t');
            if (tab < 0) throw new IllegalStateException(file + " line " + line + ": no tab");
            texts.add(row.substring(tab + 1));
        }
        return texts;
    }

    /** Title and text of every passage of the MIRACL Yoruba feed, in file order (title, text, title, text...). */
    static List<String> yorubaPassageFields() throws IOException {
        Path file = require(sharedData().resolve("miracl/yo-feed.jsonl.zst"), "MIRACL Yoruba feed");
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        try (InputStream in = new ZstdInputStream(Files.newInputStream(file));
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String row;
            int line = 0;
            while ((row = reader.readLine()) != null) {
                line++;
                if (row.isBlank()) continue;
                JsonNode fields = json.readTree(row).path("fields");
                if (!fields.has("title") || !fields.has("text")) {
                    throw new IllegalStateException(file + " line " + line + ": no fields.title / fields.text");
                }
                texts.add(fields.get("title").asText());
                texts.add(fields.get("text").asText());
            }
        }
        return texts;
    }
}
