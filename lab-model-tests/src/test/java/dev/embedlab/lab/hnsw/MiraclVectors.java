package dev.embedlab.lab.hnsw;

import dev.embedlab.core.data.CorpusFormat;
import dev.embedlab.lab.FloatIndex;
import dev.embedlab.lab.LabData;
import dev.embedlab.lab.LabInputs;
import dev.embedlab.lab.StaticLabEmbedder;
import dev.embedlab.testsupport.TestData;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real vectors for the HNSW tests: the first {@code passages} MIRACL Yoruba passages (relevant ones first) and the
 * dev topics, embedded by the distilled static model the build makes from e5-small-v2 (normalized, 256 dims).
 * Embedded once per size and shared by the tests.
 */
record MiraclVectors(float[] documents, int rows, int dims, float[][] queries) {

    private static final ConcurrentHashMap<Integer, MiraclVectors> CACHE = new ConcurrentHashMap<>();

    static MiraclVectors load(int passages) throws IOException {
        MiraclVectors cached = CACHE.get(passages);
        if (cached != null) return cached;
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        LabData data = LabInputs.read(TestData.miracl("yo-feed.jsonl.zst"), CorpusFormat.AUTO,
                TestData.miracl("topics.miracl-v1.0-yo-dev.tsv"), TestData.miracl("qrels.miracl-v1.0-yo-dev.tsv"),
                passages, false, quiet);
        try (StaticLabEmbedder model = new StaticLabEmbedder("static", TestData.distilledStaticModel(), 0)) {
            int dims = model.dimensions();
            int rows = data.passages().size();
            float[] documents = new float[rows * dims];
            for (int i = 0; i < rows; i++) model.embed(LabData.documentText(data.passages().get(i)), false, documents, i * dims);
            float[][] queries = new float[data.topics().size()][dims];
            for (int q = 0; q < queries.length; q++) model.embed(data.topics().get(q).text(), true, queries[q], 0);
            MiraclVectors vectors = new MiraclVectors(documents, rows, dims, queries);
            CACHE.put(passages, vectors);
            return vectors;
        }
    }

    /** Exact top-k by dot product (ties: lower row first), the ground truth. */
    int[] exactTop(float[] query, int k) {
        int[] best = new int[k];
        float[] scores = new float[k];
        int size = 0;
        for (int row = 0; row < rows; row++) {
            float s = FloatIndex.dot(query, 0, documents, row * dims, dims);
            if (size == k && s <= scores[k - 1]) continue;
            int i = size < k ? size++ : k - 1;
            while (i > 0 && scores[i - 1] < s) {
                best[i] = best[i - 1];
                scores[i] = scores[i - 1];
                i--;
            }
            best[i] = row;
            scores[i] = s;
        }
        return java.util.Arrays.copyOf(best, size);
    }
}
