package dev.embedlab.lab;

import dev.embedlab.core.report.Progress;
import dev.embedlab.core.data.Passage;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * All documents embedded by one embedder: a contiguous row-major matrix (row i = passage i) and the tokens the
 * model saw per document. Vectors come from the {@link EmbeddingCache} when present, or from the cache of the
 * same model under another token limit for texts that limit did not cut ({@link LabEmbedder#sameInputVectors});
 * the rest are embedded on {@code threads} threads with a progress bar, and added to the cache.
 */
public record EmbeddedCorpus(FloatIndex index, int[] tokens) {

    double averageTokens() {
        long sum = 0;
        for (int t : tokens) sum += t;
        return tokens.length == 0 ? 0 : (double) sum / tokens.length;
    }

    public static EmbeddedCorpus embed(LabEmbedder embedder, List<Passage> passages, Path cacheDir, int threads,
                                PrintStream log) throws IOException {
        int n = passages.size();
        int dims = embedder.dimensions();
        float[] matrix = new float[n * dims];
        int[] tokens = new int[n];
        int fromCache = 0;
        try (EmbeddingCache cache = EmbeddingCache.open(cacheDir, embedder.cacheKey(), dims)) {
            EmbeddingCache.TextKey[] keys = new EmbeddingCache.TextKey[n];
            int[] missing = new int[n];
            int missingCount = 0;
            for (int i = 0; i < n; i++) {
                keys[i] = EmbeddingCache.TextKey.of(LabData.documentText(passages.get(i)));
                EmbeddingCache.Entry hit = cache.get(keys[i]);
                if (hit != null) {
                    System.arraycopy(hit.vector(), 0, matrix, i * dims, dims);
                    tokens[i] = hit.tokens();
                    fromCache++;
                } else {
                    missing[missingCount++] = i;
                }
            }
            log.printf("%s: %d of %d document vectors from the cache %s%n", embedder.name(), fromCache, n, cache.directory());
            if (missingCount > 0 && embedder.sameInputVectors().isPresent()) {
                missingCount = reuseSameInputVectors(embedder, embedder.sameInputVectors().get(), cacheDir, keys, missing,
                        missingCount, matrix, tokens, cache, log);
            }
            if (missingCount > 0) {
                int total = missingCount;
                try (Progress bar = Progress.of(log, embedder.name(), "docs", total)) {
                    ParallelWork.run(total, threads, (j, worker) -> {
                        int i = missing[j];
                        String text = LabData.documentText(passages.get(i));
                        try {
                            tokens[i] = embedder.embedCountingTokens(text, false, matrix, i * dims);
                        } catch (RuntimeException e) {
                            Passage p = passages.get(i);
                            throw new IllegalStateException(embedder.name() + " failed on document " + p.docId()
                                    + " (corpus line " + p.line() + "): " + e.getMessage(), e);
                        }
                        cache.put(keys[i], tokens[i], matrix, i * dims);
                        bar.advance(1);
                    });
                }
            }
            return new EmbeddedCorpus(new FloatIndex(matrix, n, dims), tokens);
        }
    }

    /**
     * Fills the missing rows whose text the other token limit's cache saw whole and short enough for this
     * embedder (the model gets the same tokens, so the vector is the same), adds them to this embedder's cache, and
     * returns how many rows are still missing, compacted at the front of {@code missing}.
     */
    private static int reuseSameInputVectors(LabEmbedder embedder, LabEmbedder.SameInputVectors same, Path cacheDir,
                                             EmbeddingCache.TextKey[] keys, int[] missing, int missingCount,
                                             float[] matrix, int[] tokens, EmbeddingCache cache, PrintStream log)
            throws IOException {
        if (!EmbeddingCache.exists(cacheDir, same.cacheKey())) return missingCount;
        int dims = embedder.dimensions();
        int stillMissing = 0;
        EmbeddingCache opened;
        try {
            opened = EmbeddingCache.open(cacheDir, same.cacheKey(), dims);
        } catch (IOException e) { // in use by another run: embed instead of failing
            log.printf("%s: not reusing the other token limit's vectors: %s%n", embedder.name(), e.getMessage());
            return missingCount;
        }
        try (EmbeddingCache source = opened) {
            for (int j = 0; j < missingCount; j++) {
                int i = missing[j];
                EmbeddingCache.Entry hit = source.get(keys[i]);
                if (hit != null && same.reusable(hit.tokens())) {
                    System.arraycopy(hit.vector(), 0, matrix, i * dims, dims);
                    tokens[i] = hit.tokens();
                    cache.put(keys[i], tokens[i], matrix, i * dims);
                } else {
                    missing[stillMissing++] = i;
                }
            }
            log.printf("%s: %d more from %s (cut at %d tokens), whose texts fit in %d tokens; %d to embed%n", embedder.name(),
                    missingCount - stillMissing, source.directory(), same.sourceMaxTokens(), same.maxTokens(), stillMissing);
        }
        return stillMissing;
    }
}
