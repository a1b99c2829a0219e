package dev.embedlab.lab.align;

import dev.embedlab.core.report.Progress;
import dev.embedlab.lab.EmbeddingCache;
import dev.embedlab.lab.FileDigests;
import dev.embedlab.lab.LabEmbedder;
import dev.embedlab.lab.ParallelWork;
import dev.embedlab.staticembed.tokenizer.Tokenizer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The encoder's start: a distillation into the teacher's query space. Every vocabulary token that occurs in the
 * corpus gets the teacher's vector for its surface text embedded as a query (with the query prefix, pooling and
 * normalization of the teacher's settings), then all rows are centered by their mean. Centering matters: the
 * teacher's vectors share a strong common direction, and a start that keeps it ranks every query by how much a
 * document leans that way. Teacher vectors are cached like document vectors, so a second run makes no calls.
 */
final class QuerySpaceStart {

    private QuerySpaceStart() {
    }

    /** Token ids (without the unknown id) that occur in the pseudo-queries, as a vocabulary-sized membership array. */
    static boolean[] occurring(Tokenizer tokenizer, List<PseudoQuery> queries) {
        boolean[] seen = new boolean[tokenizer.vocabularySize()];
        int unknown = tokenizer.unknownTokenId().orElse(-1);
        for (PseudoQuery query : queries)
            for (int id : query.tokens()) if (id != unknown) seen[id] = true;
        return seen;
    }

    /**
     * Rows for the tokens in {@code seen}: the teacher's query vectors, centered; or, when {@code random}, small
     * seeded Gaussian rows (all-zero rows would give every query the zero vector, which has no gradient).
     */
    static QueryTable build(Tokenizer tokenizer, boolean[] seen, LabEmbedder teacher, boolean random, long seed, Path cacheDir,
                            int threads, PrintStream log) throws IOException {
        int dims = teacher.dimensions();
        int[] rowOfToken = new int[seen.length];
        Arrays.fill(rowOfToken, -1);
        int rows = 0;
        for (int id = 0; id < seen.length; id++) if (seen[id]) rowOfToken[id] = rows++;
        int[] tokenOfRow = new int[rows];
        for (int id = 0; id < seen.length; id++) if (rowOfToken[id] >= 0) tokenOfRow[rowOfToken[id]] = id;
        float[] table = new float[rows * dims];
        int unknown = tokenizer.unknownTokenId().orElse(-1);
        if (random) {
            java.util.Random gaussian = new java.util.Random(seed);
            for (int i = 0; i < table.length; i++) table[i] = (float) (0.01 * gaussian.nextGaussian());
        } else {
            embed(tokenizer, tokenOfRow, teacher, table, cacheDir, threads, log);
        }
        center(table, rows, dims);
        return new QueryTable(rowOfToken, table, dims, unknown);
    }

    private static void embed(Tokenizer tokenizer, int[] tokenOfRow, LabEmbedder teacher, float[] table, Path cacheDir,
                              int threads, PrintStream log) throws IOException {
        int dims = teacher.dimensions();
        String key = HexFormat.of().formatHex(FileDigests.sha256().digest(
                (teacher.cacheKey() + "\u0000query-token-surfaces").getBytes(StandardCharsets.UTF_8)));
        try (EmbeddingCache cache = EmbeddingCache.open(cacheDir, key, dims)) {
            int[] missing = new int[tokenOfRow.length];
            int missingCount = 0;
            for (int row = 0; row < tokenOfRow.length; row++) {
                EmbeddingCache.Entry hit = cache.get(EmbeddingCache.TextKey.of(surface(tokenizer.token(tokenOfRow[row]))));
                if (hit != null) System.arraycopy(hit.vector(), 0, table, row * dims, dims);
                else missing[missingCount++] = row;
            }
            log.printf("align: query-space start: %d corpus tokens, %d from the cache %s%n", tokenOfRow.length,
                    tokenOfRow.length - missingCount, cache.directory());
            int total = missingCount;
            try (Progress progress = Progress.of(log, "align start (" + teacher.name() + " queries)", "tokens", total)) {
                ParallelWork.run(total, threads, (j, worker) -> {
                    int row = missing[j];
                    String text = surface(tokenizer.token(tokenOfRow[row]));
                    if (text.isEmpty()) {
                        progress.advance(1);
                        return; // a token with no text of its own (a bare word-start marker) starts at zero
                    }
                    int tokens = teacher.embedCountingTokens(text, true, table, row * dims);
                    cache.put(EmbeddingCache.TextKey.of(text), tokens, table, row * dims);
                    progress.advance(1);
                });
            }
        }
    }

    /** What a vocabulary entry reads as on its own: without WordPiece's "##", Metaspace's "▁" or byte-level "Ġ". */
    static String surface(String token) {
        String text = token.startsWith("##") ? token.substring(2) : token;
        return text.replace('\u2581', ' ').replace('\u0120', ' ').strip();
    }

    private static void center(float[] table, int rows, int dims) {
        if (rows == 0) return;
        double[] mean = new double[dims];
        for (int r = 0; r < rows; r++) for (int k = 0; k < dims; k++) mean[k] += table[r * dims + k];
        for (int k = 0; k < dims; k++) mean[k] /= rows;
        for (int r = 0; r < rows; r++) for (int k = 0; k < dims; k++) table[r * dims + k] -= (float) mean[k];
    }
}
