package dev.embedlab.bench;

import dev.embedlab.core.data.CorpusFormat;
import dev.embedlab.core.data.CorpusReader;
import dev.embedlab.core.data.Passage;
import dev.embedlab.core.data.Topic;
import dev.embedlab.core.data.Topics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark inputs, read with the tools' own MIRACL readers: Yoruba dev queries, and passages as
 * title + " " + text (as the schema embeds them).
 */
public final class MiraclTexts {

    private MiraclTexts() { }

    public static List<String> queries() {
        try {
            return Topics.read(BenchmarkFiles.miracl().resolve("topics.miracl-v1.0-yo-dev.tsv")).topics().stream()
                    .map(Topic::text).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first {@code count} passages of the corpus. */
    public static List<String> passages(int count) {
        List<String> passages = new ArrayList<>(count);
        try (CorpusReader corpus = CorpusReader.open(BenchmarkFiles.miracl().resolve("yo-feed.jsonl.zst"), CorpusFormat.VESPA_FEED)) {
            while (passages.size() < count && corpus.hasNext()) {
                Passage passage = corpus.next();
                passages.add(passage.title() + " " + passage.text());
            }
            return passages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
