package dev.embedlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airlift.compress.zstd.ZstdInputStream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The benchmark inputs: MIRACL Yoruba dev queries and passages (title + " " + text, as the schema embeds them). */
public final class MiraclTexts {

    private MiraclTexts() { }

    public static List<String> queries() {
        Path topics = BenchmarkFiles.miracl().resolve("topics.miracl-v1.0-yo-dev.tsv");
        try {
            List<String> queries = new ArrayList<>();
            for (String line : Files.readAllLines(topics, StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab > 0) queries.add(line.substring(tab + 1));
            }
            return queries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first {@code count} passages of the corpus. */
    public static List<String> passages(int count) {
        Path corpus = BenchmarkFiles.miracl().resolve("yo-feed.jsonl.zst");
        ObjectMapper json = new ObjectMapper();
        List<String> passages = new ArrayList<>(count);
        try (var reader = new BufferedReader(new InputStreamReader(new ZstdInputStream(Files.newInputStream(corpus)),
                                                                   StandardCharsets.UTF_8))) {
            for (String line; passages.size() < count && (line = reader.readLine()) != null; ) {
                JsonNode fields = json.readTree(line).path("fields");
                passages.add(fields.path("title").asText() + " " + fields.path("text").asText());
            }
            return passages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
