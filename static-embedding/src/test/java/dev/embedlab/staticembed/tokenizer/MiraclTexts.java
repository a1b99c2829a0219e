package dev.embedlab.staticembed.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedlab.testsupport.TestData;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airlift.compress.zstd.ZstdInputStream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The MIRACL texts the tokenizer parity tests compare on, and the tokenizers they load (located by {@link TestData}). */
final class MiraclTexts {

    private MiraclTexts() {
    }

    static Path e5Tokenizer() {
        return TestData.e5SmallV2("e5-small-v2-q-tokenizer.json");
    }

    static Path model2vecTokenizer() {
        return TestData.model2vecFixture("test-model-float32/tokenizer.json");
    }

    static Path vocabQuantizedTokenizer() {
        return TestData.model2vecFixture("test-model-vocab-quantized/tokenizer.json");
    }

    /** The text column of a MIRACL topics file ({@code qid<TAB>text}). */
    static List<String> topics(String language) throws IOException {
        Path file = TestData.miracl("topics.miracl-v1.0-" + language + "-dev.tsv");
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
        Path file = TestData.miracl("yo-feed.jsonl.zst");
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
