package dev.embedlab.vespa.testing;

import dev.embedlab.testsupport.TestData;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedlab.core.data.CorpusFormat;
import dev.embedlab.core.data.CorpusReader;
import dev.embedlab.core.data.Passage;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;


/**
 * A small slice of the real MIRACL Yoruba dev set: the first topics of the topics file, their qrels lines
 * unchanged, and a corpus of every passage judged for them plus a few unjudged ones from the start of the corpus
 * (so retrieval has misses to rank too). Written as files in the formats the tools read.
 *
 * @param topics   {@code qid<TAB>text}, the first lines of the topics file
 * @param qrels    the TREC qrels lines of those topics
 * @param corpus   JSONL {@code {"doc_id","title","text"}}
 * @param passages the corpus passages in file order
 */
public record MiraclYoSample(Path topics, Path qrels, Path corpus, List<Passage> passages, int topicCount) {

    private static final String TOPICS = "topics.miracl-v1.0-yo-dev.tsv";
    private static final String QRELS = "qrels.miracl-v1.0-yo-dev.tsv";
    private static final String FEED = "yo-feed.jsonl.zst";

    /** Skips the calling test when the shared MIRACL data is not at hand. */
    public static void assumePresent() {
        for (String file : List.of(TOPICS, QRELS, FEED)) TestData.miracl(file);
    }

    public static MiraclYoSample write(Path dir, int topicCount, int unjudgedPassages) throws IOException {
        List<String> topicLines = Files.readAllLines(TestData.miracl(TOPICS), StandardCharsets.UTF_8).stream()
                .filter(line -> ! line.isBlank()).limit(topicCount).toList();
        if (topicLines.size() != topicCount) throw new IllegalStateException("Fewer than " + topicCount + " topics in " + TOPICS);
        Set<String> qids = new LinkedHashSet<>();
        for (String line : topicLines) qids.add(line.substring(0, line.indexOf('\t')));

        List<String> qrelLines = new ArrayList<>();
        Set<String> judged = new LinkedHashSet<>();
        for (String line : Files.readAllLines(TestData.miracl(QRELS), StandardCharsets.UTF_8)) {
            String[] columns = line.strip().split("\\s+");
            if (columns.length == 4 && qids.contains(columns[0])) {
                qrelLines.add(line);
                judged.add(columns[2]);
            }
        }

        Map<String, Passage> selected = new LinkedHashMap<>();
        int unjudged = 0;
        try (CorpusReader reader = CorpusReader.open(TestData.miracl(FEED), CorpusFormat.VESPA_FEED)) {
            while (reader.hasNext()) {
                Passage passage = reader.next();
                if (judged.contains(passage.docId())) selected.put(passage.docId(), passage);
                else if (unjudged < unjudgedPassages && selected.putIfAbsent(passage.docId(), passage) == null) unjudged++;
            }
            if ( ! reader.skipped().isEmpty()) throw new IllegalStateException("Unreadable corpus lines: " + reader.skipped());
        }
        Set<String> absent = new LinkedHashSet<>(judged);
        absent.removeAll(selected.keySet());
        if ( ! absent.isEmpty()) throw new IllegalStateException("Judged passages not in the corpus: " + absent);

        Files.createDirectories(dir);
        Path topics = Files.write(dir.resolve("topics.tsv"), topicLines, StandardCharsets.UTF_8);
        Path qrels = Files.write(dir.resolve("qrels.tsv"), qrelLines, StandardCharsets.UTF_8);
        Path corpus = dir.resolve("corpus.jsonl");
        ObjectMapper json = new ObjectMapper();
        try (BufferedWriter out = Files.newBufferedWriter(corpus, StandardCharsets.UTF_8)) {
            for (Passage passage : selected.values()) {
                out.write(json.writeValueAsString(Map.of("doc_id", passage.docId(), "title", passage.title(),
                                                         "text", passage.text())));
                out.write('\n');
            }
        }
        return new MiraclYoSample(topics, qrels, corpus, List.copyOf(selected.values()), topicCount);
    }
}
