package dev.embedlab.lab.align;

import dev.embedlab.core.report.Progress;
import dev.embedlab.lab.ParallelWork;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Trains a {@link QueryTable} so that each pseudo-query's vector ranks the passages it came from first among the
 * teacher's document vectors: the loss is {@code -log} of the softmax probability (temperature τ) of its relevant
 * passages among the batch's candidates (every document, or the batch's passages plus sampled negatives). Only the
 * query table learns; the documents are the teacher's and stay fixed, which is what lets aligned queries search an
 * index that is already fed.
 * <p>
 * Adam, with lazy updates of the rows a batch touched. After every epoch the held-out pseudo-queries are ranked
 * against the whole corpus (MRR@10, recall@10); the rows of the best epoch are kept. Gradients are summed in
 * query order, so a seed gives the same model on any number of threads.
 */
final class ContrastiveTrainer {

    /** Probabilities below this add nothing visible to the gradient and are skipped. */
    private static final float NEGLIGIBLE = 1e-6f;
    /** exp(-20) = 2e-9 of the best document's weight: even summed over a large corpus, below float noise. */
    private static final float NEGLIGIBLE_EXPONENT = -20f;
    /** Queries scored together: each block of documents is read from memory once per chunk. */
    private static final int CHUNK = 32;
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    /**
     * @param negatives documents each batch is scored against: that many drawn at random (seeded) plus the batch's
     *                  relevant passages; 0 = every document (exact, and slower by the corpus size over this)
     */
    record Settings(int epochs, int batchSize, float learningRate, float temperature, long seed, int threads, int negatives) {
        Settings {
            if (negatives < 0) throw new IllegalArgumentException("--negatives must be 0 (all) or positive, got " + negatives);
            if (epochs < 0) throw new IllegalArgumentException("--epochs must be 0 (the start alone) or more, got " + epochs);
            if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
            if (!(learningRate > 0)) throw new IllegalArgumentException("--learning-rate must be positive, got " + learningRate);
            if (!(temperature > 0)) throw new IllegalArgumentException("--temperature must be positive, got " + temperature);
        }
    }

    /** One line of the training log: epoch 0 is the start, before any update. */
    record Epoch(int epoch, double trainLoss, double heldOutMrr10, double heldOutRecall10, double seconds) {
    }

    record Result(List<Epoch> epochs, int bestEpoch) {
    }

    private final QueryTable table;
    private final DocumentMatrix documents;
    private final Settings settings;
    private final PrintStream log;
    private final float[] m;
    private final float[] v;
    /** The batch's summed row gradients, and which rows it touched: kept between batches, cleared row by row. */
    private final float[] gradientSum;
    private final boolean[] touched;
    private final int[] touchedRows;
    private final Scratch[] scratch;
    private final Random negativeSampler;
    private final int[] candidateIndex;
    private long step;

    ContrastiveTrainer(QueryTable table, DocumentMatrix documents, Settings settings, PrintStream log) {
        if (table.dims() != documents.dims())
            throw new IllegalArgumentException("the query table has " + table.dims() + " dimensions, the documents " + documents.dims());
        this.table = table;
        this.documents = documents;
        this.settings = settings;
        this.log = log;
        this.m = new float[table.rows().length];
        this.v = new float[table.rows().length];
        this.gradientSum = new float[table.rows().length];
        this.touched = new boolean[table.rowCount()];
        this.touchedRows = new int[table.rowCount()];
        this.scratch = new Scratch[Math.max(1, settings.threads())];
        for (int i = 0; i < scratch.length; i++) scratch[i] = new Scratch();
        this.negativeSampler = new Random(settings.seed() * 31 + 7);
        this.candidateIndex = new int[documents.count()];
        Arrays.fill(candidateIndex, -1);
    }

    /** Trains in place: on return the table holds the rows of the best epoch by held-out MRR@10. */
    Result train(List<PseudoQuery> training, List<PseudoQuery> heldOut) {
        List<Epoch> epochs = new ArrayList<>();
        Ranking start = rank(heldOut);
        epochs.add(new Epoch(0, Double.NaN, start.mrr10, start.recall10, 0));
        log.printf("align: start: held-out MRR@10 %.4f, recall@10 %.4f (%d pseudo-queries)%n", start.mrr10, start.recall10, heldOut.size());
        float[] best = table.rows().clone();
        int bestEpoch = 0;
        double bestMrr = start.mrr10;
        List<PseudoQuery> order = new ArrayList<>(training);
        Random random = new Random(settings.seed());
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            long t0 = System.nanoTime();
            java.util.Collections.shuffle(order, random);
            double loss = 0;
            try (Progress progress = Progress.of(log, "align epoch " + epoch, "pseudo-queries", order.size())) {
                for (int first = 0; first < order.size(); first += settings.batchSize()) {
                    List<PseudoQuery> batch = order.subList(first, Math.min(order.size(), first + settings.batchSize()));
                    loss += step(batch);
                    progress.advance(batch.size());
                }
            }
            Ranking ranking = rank(heldOut);
            double seconds = (System.nanoTime() - t0) / 1e9;
            epochs.add(new Epoch(epoch, loss / order.size(), ranking.mrr10, ranking.recall10, seconds));
            log.printf("align: epoch %d: train loss %.4f, held-out MRR@10 %.4f, recall@10 %.4f, %.0f s%n",
                    epoch, loss / order.size(), ranking.mrr10, ranking.recall10, seconds);
            if (ranking.mrr10 > bestMrr) {
                bestMrr = ranking.mrr10;
                bestEpoch = epoch;
                best = table.rows().clone();
            }
        }
        System.arraycopy(best, 0, table.rows(), 0, best.length);
        return new Result(epochs, bestEpoch);
    }

    /** One Adam step over a batch; returns the summed loss. */
    private double step(List<PseudoQuery> batch) {
        int n = batch.size();
        int dims = table.dims();
        Candidates candidates = candidates(batch);
        DocumentMatrix docs = candidates.documents();
        float[][] gradients = new float[n][dims]; // d loss / d (unnormalized sum of rows), per query
        double[] losses = new double[n];
        int chunks = (n + CHUNK - 1) / CHUNK;
        ParallelWork.run(chunks, settings.threads(), (c, worker) -> {
            Scratch s = scratch[worker];
            int from = c * CHUNK;
            int count = Math.min(CHUNK, n - from);
            for (int i = 0; i < count; i++) s.norms[i] = table.encode(batch.get(from + i).tokens(), s.queries[i]);
            docs.score(s.queries, count, s.scores);
            for (int i = 0; i < count; i++) {
                java.util.Arrays.fill(s.expected[i], 0f);
                if (s.norms[i] > 0) losses[from + i] = softmax(candidates.positives()[from + i], s.scores[i], docs.count());
            }
            docs.addWeighted(s.scores, count, NEGLIGIBLE, s.expected);
            for (int i = 0; i < count; i++) {
                if (s.norms[i] == 0) continue; // no token with a row: nothing to learn from
                gradient(docs, candidates.positives()[from + i], s.queries[i], s.norms[i], s.scores[i], s.expected[i], gradients[from + i]);
            }
        });
        float[] rows = table.rows();
        float[] sum = gradientSum;
        int touchedCount = 0;
        double loss = 0;
        for (int i = 0; i < n; i++) {
            loss += losses[i];
            for (int token : batch.get(i).tokens()) {
                int row = table.row(token);
                if (row < 0) continue;
                if (!touched[row]) {
                    touched[row] = true;
                    touchedRows[touchedCount++] = row;
                }
                float[] g = gradients[i];
                int at = row * dims;
                for (int k = 0; k < dims; k++) sum[at + k] += g[k];
            }
        }
        step++;
        float lr = settings.learningRate() * (float) (Math.sqrt(1 - Math.pow(BETA2, step)) / (1 - Math.pow(BETA1, step)));
        for (int t = 0; t < touchedCount; t++) {
            int row = touchedRows[t];
            for (int at = row * dims, end = at + dims; at < end; at++) {
                float g = sum[at];
                m[at] = BETA1 * m[at] + (1 - BETA1) * g;
                v[at] = BETA2 * v[at] + (1 - BETA2) * g * g;
                rows[at] -= lr * m[at] / ((float) Math.sqrt(v[at]) + EPSILON);
                sum[at] = 0; // ready for the next batch
            }
            touched[row] = false;
        }
        return loss;
    }

    /**
     * Turns a query's scores into its softmax probabilities p (scores / τ) in place and returns the loss,
     * {@code -log Σ p} over its relevant passages.
     */
    private double softmax(int[] positives, float[] scores, int count) {
        float inverseTemperature = 1 / settings.temperature();
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < count; j++) max = Math.max(max, scores[j]);
        double z = 0;
        for (int j = 0; j < count; j++) {
            float x = (scores[j] - max) * inverseTemperature;
            float e = x < NEGLIGIBLE_EXPONENT ? 0f : (float) Math.exp(x); // exp is the cost here; these are ~0
            scores[j] = e;
            z += e;
        }
        float invZ = (float) (1 / z);
        double relevant = 0;
        for (int j = 0; j < count; j++) scores[j] *= invZ;
        for (int p : positives) relevant += scores[p];
        return -Math.log(Math.max(relevant, Double.MIN_NORMAL));
    }

    /**
     * The gradient of one query's loss with respect to the unnormalized sum u of its rows, given its probabilities p
     * and {@code expected} = Σ p_j d_j: with w the probabilities restricted to the relevant passages and renormalized,
     * dL/dq = (Σ p_j d_j − Σ w_j d_j) / τ, and through q = u/|u|, dL/du = (g − q (q·g)) / |u|.
     */
    private void gradient(DocumentMatrix docs, int[] positives, float[] q, float norm, float[] p, float[] expected, float[] out) {
        float[] g = expected; // scratch of this query: Σ p_j d_j becomes g in place
        double relevant = 0;
        for (int j : positives) relevant += p[j];
        for (int j : positives) docs.addRow(j, relevant > 0 ? (float) (-p[j] / relevant) : -1f / positives.length, g);
        float dot = 0;
        for (int k = 0; k < g.length; k++) dot += q[k] * g[k];
        float scale = 1 / (settings.temperature() * norm);
        for (int k = 0; k < g.length; k++) out[k] = (g[k] - q[k] * dot) * scale;
    }

    /** The documents a batch is scored against, and each query's relevant passages as indexes into them. */
    private record Candidates(DocumentMatrix documents, int[][] positives) {
    }

    private Candidates candidates(List<PseudoQuery> batch) {
        int total = documents.count();
        if (settings.negatives() == 0 || settings.negatives() >= total) {
            int[][] positives = new int[batch.size()][];
            for (int i = 0; i < batch.size(); i++) positives[i] = batch.get(i).positives();
            return new Candidates(documents, positives);
        }
        // The batch's passages first, then distinct random ones; candidateIndex maps a document to its place.
        int relevant = 0;
        for (PseudoQuery query : batch) relevant += query.positives().length;
        int[] rows = new int[settings.negatives() + relevant];
        int count = 0;
        for (PseudoQuery query : batch)
            for (int p : query.positives()) if (candidateIndex[p] < 0) { candidateIndex[p] = count; rows[count++] = p; }
        int target = Math.min(total, Math.max(count, settings.negatives() + batch.size()));
        while (count < target) {
            int d = negativeSampler.nextInt(total);
            if (candidateIndex[d] < 0) { candidateIndex[d] = count; rows[count++] = d; }
        }
        rows = Arrays.copyOf(rows, count);
        int[][] positives = new int[batch.size()][];
        for (int i = 0; i < batch.size(); i++) {
            int[] original = batch.get(i).positives();
            positives[i] = new int[original.length];
            for (int k = 0; k < original.length; k++) positives[i][k] = candidateIndex[original[k]];
        }
        for (int row : rows) candidateIndex[row] = -1;
        return new Candidates(documents.subset(rows), positives);
    }

    private record Ranking(double mrr10, double recall10) {
    }

    /** Ranks each held-out pseudo-query against every document: MRR@10 and recall@10 of its relevant passages. */
    private Ranking rank(List<PseudoQuery> queries) {
        if (queries.isEmpty()) return new Ranking(Double.NaN, Double.NaN);
        double[] reciprocalRanks = new double[queries.size()];
        double[] found = new double[queries.size()];
        int chunks = (queries.size() + CHUNK - 1) / CHUNK;
        ParallelWork.run(chunks, settings.threads(), (c, worker) -> {
            Scratch s = scratch[worker];
            int from = c * CHUNK;
            int count = Math.min(CHUNK, queries.size() - from);
            for (int i = 0; i < count; i++) table.encode(queries.get(from + i).tokens(), s.queries[i]);
            documents.score(s.queries, count, s.scores);
            for (int i = 0; i < count; i++) {
                int rank = bestRelevantRank(queries.get(from + i).positives(), s.scores[i]);
                reciprocalRanks[from + i] = rank <= 10 ? 1.0 / rank : 0;
                found[from + i] = rank <= 10 ? 1 : 0;
            }
        });
        return new Ranking(Arrays.stream(reciprocalRanks).average().orElse(0), Arrays.stream(found).average().orElse(0));
    }

    /** 1-based rank of the best-scored relevant passage; other passages with the same score rank before it. */
    private static int bestRelevantRank(int[] positives, float[] scores) {
        float best = Float.NEGATIVE_INFINITY;
        for (int p : positives) best = Math.max(best, scores[p]);
        int atLeastAsGood = 0;
        for (float score : scores) if (score >= best) atLeastAsGood++;
        int relevantTied = 0;
        for (int p : positives) if (scores[p] == best) relevantTied++;
        return atLeastAsGood - relevantTied + 1;
    }

    private final class Scratch {
        final float[][] queries = new float[CHUNK][table.dims()];
        final float[][] scores = new float[CHUNK][documents.count()];
        final float[][] expected = new float[CHUNK][table.dims()];
        final float[] norms = new float[CHUNK];
    }
}
