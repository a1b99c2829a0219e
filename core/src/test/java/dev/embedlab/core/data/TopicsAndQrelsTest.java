package dev.embedlab.core.data;

import dev.embedlab.testsupport.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicsAndQrelsTest {

    @TempDir
    Path dir;

    @Test
    void readsTsvTopicsAndReportsBadLines() throws Exception {
        Path file = dir.resolve("topics.tsv");
        Files.writeString(file, "1#0\tWhere is Lagos?\nno tab here\n1#0\tduplicate\n2#0\t  \n3#0\tLast one\n");
        Topics topics = Topics.read(file);
        assertEquals(List.of(new Topic("1#0", "Where is Lagos?"), new Topic("3#0", "Last one")), topics.topics());
        assertEquals(List.of(2L, 3L, 4L), topics.skipped().stream().map(SkippedLine::line).toList());
        assertTrue(topics.skipped().get(1).reason().contains("duplicate query id '1#0'"));
    }

    @Test
    void readsBeirQueriesJsonl() throws Exception {
        Path file = dir.resolve("queries.jsonl");
        Files.writeString(file, "{\"_id\":\"q1\",\"text\":\"what is x\",\"metadata\":{}}\n{\"_id\":\"q2\"}\n");
        Topics topics = Topics.read(file);
        assertEquals(List.of(new Topic("q1", "what is x")), topics.topics());
        assertEquals(1, topics.skipped().size());
    }

    /** A line with broken bytes is skipped and named, in topics and qrels alike; the lines after it still read. */
    @Test
    void anUndecodableLineIsSkippedAndTheRestRead() throws Exception {
        byte[] broken = {'q', '2', '\t', (byte) 0xc3, (byte) 0x28, '\n'};
        Path topicsFile = dir.resolve("topics.tsv");
        Files.write(topicsFile, concat("q1\tfirst\n".getBytes(), broken, "q3\tthird\n".getBytes()));
        Topics topics = Topics.read(topicsFile);
        assertEquals(List.of("q1", "q3"), topics.topics().stream().map(Topic::qid).toList());
        assertEquals(2L, topics.skipped().get(0).line());
        assertTrue(topics.skipped().get(0).reason().startsWith("invalid UTF-8"), topics.skipped().toString());

        Path qrelsFile = dir.resolve("qrels.trec");
        Files.write(qrelsFile, concat("q1 0 d1 1\n".getBytes(), broken, "q3 0 d3 1\n".getBytes()));
        Qrels qrels = Qrels.read(qrelsFile);
        assertEquals(List.of("q1", "q3"), List.copyOf(qrels.queryIds()));
        assertEquals(List.of(2L), qrels.skipped().stream().map(SkippedLine::line).toList());
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) out.writeBytes(part);
        return out.toByteArray();
    }

    @Test
    void readsTrecQrelsAndBeirTsvQrels() throws Exception {
        Path trec = dir.resolve("qrels.trec");
        Files.writeString(trec, "q1 Q0 d1 2\nq1\tQ0\td2\t0\n# comment\nq1 Q0 d1 1\nq2 Q0 d3 x\nq2 Q0 d4\nq3 0 d5 1\n");
        Qrels qrels = Qrels.read(trec);
        assertEquals(Map.of("d1", 2, "d2", 0), qrels.of("q1"));
        assertEquals(List.of("q1", "q3"), List.copyOf(qrels.queryIds()));
        assertEquals(List.of(4L, 5L, 6L), qrels.skipped().stream().map(SkippedLine::line).toList());
        assertTrue(qrels.skipped().get(0).reason().contains("judged twice"));
        assertEquals(1, qrels.relevantCount("q1"));

        Path beir = dir.resolve("test.tsv");
        Files.writeString(beir, "query-id\tcorpus-id\tscore\nq1\td1\t1\nq1\td2\t0\n");
        assertEquals(Map.of("d1", 1, "d2", 0), Qrels.read(beir).of("q1"));
    }

    @Test
    void readsTheRealYorubaTopicsAndQrels() throws Exception {
        Topics topics = Topics.read(TestData.miracl("topics.miracl-v1.0-yo-dev.tsv"));
        Qrels qrels = Qrels.read(TestData.miracl("qrels.miracl-v1.0-yo-dev.tsv"));
        assertEquals(119, topics.size());
        assertTrue(topics.skipped().isEmpty());
        assertTrue(qrels.skipped().isEmpty(), () -> qrels.skipped().toString());
        assertEquals(1188, qrels.judgments().values().stream().mapToInt(Map::size).sum());
        assertEquals(144, qrels.queryIds().stream().mapToInt(qrels::relevantCount).sum());
        assertTrue(topics.topics().stream().allMatch(t -> qrels.relevantCount(t.qid()) > 0));
    }
}
