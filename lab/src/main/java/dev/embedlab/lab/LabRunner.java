package dev.embedlab.lab;

import dev.embedlab.core.data.Passage;
import dev.embedlab.core.data.Topic;
import dev.embedlab.core.metrics.Evaluation;
import dev.embedlab.core.metrics.Evaluator;
import dev.embedlab.core.metrics.Run;
import dev.embedlab.core.metrics.RunEntry;
import dev.embedlab.core.metrics.TrecOrder;
import dev.embedlab.core.metrics.TrecRunFile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Measures embedders on the lab data: speed, then every document embedded (or read from the cache), the topics
 * embedded, exact search, scores; and with compression the bfloat16 and binarized variants of the same vectors.
 */
public final class LabRunner {

    private final LabData data;
    private final LabSettings settings;
    private final PrintStream log;
    private final List<LabRow> rows = new ArrayList<>();
    private final List<RerankPoint> sweep = new ArrayList<>();
    private final List<RerankChoice> choices = new ArrayList<>();
    private final List<String> embedderNotes = new ArrayList<>();
    private final Map<String, EmbedderSpeed> speeds = new HashMap<>();
    private final HnswGrid hnsw;
    private final List<Integer> reducedDims;
    private final List<HnswRow> hnswRows = new ArrayList<>();

    public LabRunner(LabData data, LabSettings settings, PrintStream log) {
        this(data, settings, HnswGrid.none(), List.of(), log);
    }

    /**
     * With {@code hnsw} enabled, each embedder's float vectors are also indexed and searched with HNSW; for each of
     * {@code reducedDims} below the embedder's width, PCA and first-k rows are added (exact search).
     */
    public LabRunner(LabData data, LabSettings settings, HnswGrid hnsw, List<Integer> reducedDims, PrintStream log) {
        this.data = data;
        this.settings = settings;
        this.hnsw = hnsw;
        this.reducedDims = List.copyOf(reducedDims);
        this.log = log;
    }

    public List<HnswRow> hnswRows() {
        return List.copyOf(hnswRows);
    }

    public List<LabRow> rows() {
        return List.copyOf(rows);
    }

    public List<RerankPoint> sweep() {
        return List.copyOf(sweep);
    }

    /** Per embedder, the re-rank depth chosen on the tuning topics and its score on the held-out ones. */
    public List<RerankChoice> rerankChoices() {
        return List.copyOf(choices);
    }

    public List<String> embedderNotes() {
        return List.copyOf(embedderNotes);
    }

    public void measure(LabEmbedder embedder) throws IOException {
        embedderNotes.add(embedder.describe());
        log.println("== " + embedder.describe());
        List<String> queryTexts = data.topics().stream().map(Topic::text).toList();
        List<String> sample = sample(data.passages(), settings.speedDocs()).stream().map(LabData::documentText).toList();
        log.printf(Locale.ROOT, "%s: timing %d sample documents and %d queries on 1 and %d threads%n", embedder.name(),
                sample.size(), queryTexts.size(), settings.threads());
        EmbedderSpeed speed = EmbedderSpeed.measure(embedder, sample, queryTexts, settings.threads(), settings.minSeconds());
        speeds.put(embedder.name(), speed);
        log.printf(Locale.ROOT, "%s: %.1f / %.1f docs/s, %.1f / %.1f queries/s (1 / %d threads), p50 %.2f ms, p99 %.2f ms%n",
                embedder.name(), speed.docsPerSecond1(), speed.docsPerSecondN(), speed.queriesPerSecond1(),
                speed.queriesPerSecondN(), settings.threads(), speed.p50Millis(), speed.p99Millis());

        EmbeddedCorpus corpus = EmbeddedCorpus.embed(embedder, data.passages(), settings.cacheDir(), settings.threads(), log);
        int dims = embedder.dimensions();
        EmbeddedQueries embedded = embedQueries(embedder, queryTexts, dims);
        float[][] queries = embedded.vectors();
        double tokensPerQuery = embedded.tokensPerQuery();
        FloatIndex floats = corpus.index();
        int k = Math.min(settings.runDepth(), floats.rows());

        try (SearchPool one = new SearchPool(1); SearchPool all = new SearchPool(settings.threads())) {
            Timed exact = timedSearch(queries.length, all, one, (q, pool) -> floats.search(queries[q], k, pool));
            LabRow floatRow = row(embedder, "float", 4 * dims, speed, tokensPerQuery, corpus.averageTokens(), exact, floats);
            rows.add(floatRow);
            if (hnsw.enabled()) {
                HnswLab lab = new HnswLab(data, hnsw, settings.threads(), settings.outDir().resolve("runs"), log);
                hnswRows.addAll(lab.measure(embedder.name(), floats, queries, exact.hits));
            }
            for (int reduced : reducedDims) {
                if (reduced >= dims) {
                    log.printf("%s: no %d-dimension rows, the embedder has %d dimensions%n", embedder.name(), reduced, dims);
                    continue;
                }
                for (ReducedVectors r : List.of(ReducedVectors.pca(floats, queries, reduced),
                        ReducedVectors.truncated(floats, queries, reduced))) {
                    if (!Double.isNaN(r.explainedVariance())) {
                        log.printf(Locale.ROOT, "%s: PCA to %d dimensions keeps %.1f%% of the document vectors' variance%n",
                                embedder.name(), reduced, 100 * r.explainedVariance());
                    }
                    Timed t = timedSearch(queries.length, all, one, (q, pool) -> r.documents().search(r.queries()[q], k, pool));
                    rows.add(row(embedder, r.vectors(), 4 * reduced, null, tokensPerQuery, corpus.averageTokens(), t, floats));
                }
            }
            if (!settings.compression()) return;

            FloatIndex bf16 = floats.toBfloat16();
            Timed half = timedSearch(queries.length, all, one, (q, pool) -> bf16.search(queries[q], k, pool));
            rows.add(row(embedder, "bfloat16", 2 * dims, null, tokensPerQuery, corpus.averageTokens(), half, floats));

            BinaryIndex binary = BinaryIndex.of(floats);
            long[][] codes = new long[queries.length][];
            for (int q = 0; q < queries.length; q++) codes[q] = binary.encodeQuery(queries[q]);
            Timed hamming = timedSearch(queries.length, all, one, (q, pool) -> binary.search(codes[q], k, pool));
            rows.add(row(embedder, "binary", binary.bytesPerDocument(), null, tokensPerQuery, corpus.averageTokens(),
                    hamming, floats));

            // The depth is chosen on the tuning half of the topics only, so the held-out half can say how the
            // choice does on queries it was not fitted to.
            TopicSplit split = TopicSplit.byQidParity(data.topics());
            Run floatRun = toRun(exact.hits, data, "float");
            Evaluation floatTuning = Evaluator.evaluate(TopicSplit.restrict(floatRun, split.tuning()), data.qrels());
            Timed chosen = null;
            int chosenDepth = -1;
            Timed last = null;
            int lastDepth = -1;
            for (int depth : settings.rerankDepths()) {
                int d = Math.min(depth, floats.rows());
                Timed reranked = timedSearch(queries.length, all, one,
                        (q, pool) -> rerank(binary.search(codes[q], d, pool), queries[q], floats, k));
                Run run = toRun(reranked.hits, data, "rerank");
                Evaluation e = Evaluator.evaluate(run, data.qrels());
                Evaluation tuning = Evaluator.evaluate(TopicSplit.restrict(run, split.tuning()), data.qrels());
                sweep.add(new RerankPoint(embedder.name(), d, e.ndcg10(), e.recall100(), e.mrr10(), reranked.qpsN,
                        tuning.ndcg10()));
                log.printf(Locale.ROOT, "%s: binary top-%d + float re-rank: NDCG@10 %.4f on the tuning topics (float %.4f)%n",
                        embedder.name(), d, tuning.ndcg10(), floatTuning.ndcg10());
                last = reranked;
                lastDepth = d;
                if (chosen == null && tuning.ndcg10() >= floatTuning.ndcg10() - settings.rerankTolerance()) {
                    chosen = reranked;
                    chosenDepth = d;
                }
                if (d == floats.rows()) break;
            }
            boolean withinTolerance = chosen != null;
            if (chosen == null && !settings.rerankDepths().isEmpty()) { // none within tolerance: take the deepest
                chosenDepth = Math.min(settings.rerankDepths().get(settings.rerankDepths().size() - 1), floats.rows());
                int d = chosenDepth;
                chosen = lastDepth == d ? last : timedSearch(queries.length, all, one,
                        (q, pool) -> rerank(binary.search(codes[q], d, pool), queries[q], floats, k));
            }
            if (chosen != null) {
                rows.add(row(embedder, "binary+rerank@" + chosenDepth, binary.bytesPerDocument(), null, tokensPerQuery,
                        corpus.averageTokens(), chosen, floats));
                Run chosenRun = toRun(chosen.hits, data, "rerank");
                Evaluation chosenTuning = Evaluator.evaluate(TopicSplit.restrict(chosenRun, split.tuning()), data.qrels());
                Evaluation chosenHeldOut = Evaluator.evaluate(TopicSplit.restrict(chosenRun, split.heldOut()), data.qrels());
                Evaluation floatHeldOut = Evaluator.evaluate(TopicSplit.restrict(floatRun, split.heldOut()), data.qrels());
                choices.add(new RerankChoice(embedder.name(), chosenDepth, withinTolerance,
                        chosenTuning.evaluated(), floatTuning.ndcg10(), chosenTuning.ndcg10(),
                        chosenHeldOut.evaluated(), floatHeldOut.ndcg10(), chosenHeldOut.ndcg10()));
                log.printf(Locale.ROOT, "%s: re-rank depth %d chosen on %d tuning topics; on the %d held-out topics "
                                + "NDCG@10 %.4f (float %.4f)%n", embedder.name(), chosenDepth, chosenTuning.evaluated(),
                        chosenHeldOut.evaluated(), chosenHeldOut.ndcg10(), floatHeldOut.ndcg10());
            }
        }
    }

    /**
     * A row where one model embeds the queries and another's document vectors (from its own float row, measured
     * earlier in this run) are searched: an aligned static query encoder against e5's documents. Named
     * {@code <query model>@<document model>}; docs/s are the document model's, q/s and latency the query model's.
     */
    public void measureQueriesAgainst(LabEmbedder queryEmbedder, LabEmbedder documentEmbedder) throws IOException {
        EmbedderSpeed documentSpeed = speeds.get(documentEmbedder.name());
        if (documentSpeed == null)
            throw new IllegalArgumentException("measure " + documentEmbedder.name() + " before using its documents for " + queryEmbedder.name());
        if (queryEmbedder.dimensions() != documentEmbedder.dimensions())
            throw new IllegalArgumentException(queryEmbedder.name() + " has " + queryEmbedder.dimensions() + " dimensions, "
                    + documentEmbedder.name() + "'s documents " + documentEmbedder.dimensions() + ": they cannot share an index");
        String name = queryEmbedder.name() + "@" + documentEmbedder.name();
        embedderNotes.add(name + ": queries by " + queryEmbedder.describe() + "; documents by " + documentEmbedder.name());
        log.println("== " + name);
        List<String> queryTexts = data.topics().stream().map(Topic::text).toList();
        List<String> sample = sample(data.passages(), settings.speedDocs()).stream().map(LabData::documentText).toList();
        EmbedderSpeed querySpeed = EmbedderSpeed.measure(queryEmbedder, sample, queryTexts, settings.threads(), settings.minSeconds());
        EmbedderSpeed speed = new EmbedderSpeed(documentSpeed.sampleDocs(), documentSpeed.docsPerSecond1(),
                documentSpeed.docsPerSecondN(), querySpeed.queriesPerSecond1(), querySpeed.queriesPerSecondN(),
                querySpeed.p50Millis(), querySpeed.p99Millis(), querySpeed.threads());
        EmbeddedCorpus corpus = EmbeddedCorpus.embed(documentEmbedder, data.passages(), settings.cacheDir(), settings.threads(), log);
        int dims = documentEmbedder.dimensions();
        EmbeddedQueries embedded = embedQueries(queryEmbedder, queryTexts, dims);
        float[][] queries = embedded.vectors();
        FloatIndex floats = corpus.index();
        int k = Math.min(settings.runDepth(), floats.rows());
        try (SearchPool one = new SearchPool(1); SearchPool all = new SearchPool(settings.threads())) {
            Timed exact = timedSearch(queries.length, all, one, (q, pool) -> floats.search(queries[q], k, pool));
            rows.add(row(name, dims, queryEmbedder.modelBytes(), "float", 4 * dims, speed,
                    embedded.tokensPerQuery(), corpus.averageTokens(), exact, floats));
        }
    }

    private record EmbeddedQueries(float[][] vectors, double tokensPerQuery) {
    }

    /** The topics embedded as queries, and the tokens the model saw per query. */
    private static EmbeddedQueries embedQueries(LabEmbedder embedder, List<String> texts, int dims) {
        float[][] vectors = new float[texts.size()][dims];
        long tokens = 0;
        for (int i = 0; i < vectors.length; i++) tokens += embedder.embedCountingTokens(texts.get(i), true, vectors[i], 0);
        return new EmbeddedQueries(vectors, vectors.length == 0 ? 0 : (double) tokens / vectors.length);
    }

    /** One query's search on the given pool. */
    @FunctionalInterface
    private interface QuerySearch {
        TopK search(int query, SearchPool pool);
    }

    private record Timed(TopK[] hits, double qps1, double qpsN) {
    }

    /**
     * Runs every query once on each pool untimed (the hits of the all-threads pass are kept; the pass also gets the
     * scan JIT-compiled, which five warm-up queries did not: a sub-millisecond hamming scan measured slower on two
     * threads than on one), then times whole passes on each pool for at least {@code --min-seconds}.
     */
    private Timed timedSearch(int queries, SearchPool all, SearchPool one, QuerySearch search) {
        TopK[] hits = new TopK[queries];
        for (int q = 0; q < queries; q++) hits[q] = search.search(q, all);
        for (int q = 0; q < queries; q++) search.search(q, one);
        return new Timed(hits, queriesPerSecond(queries, one, search), queriesPerSecond(queries, all, search));
    }

    private double queriesPerSecond(int queries, SearchPool pool, QuerySearch search) {
        long start = System.nanoTime();
        long searched = 0;
        long elapsed;
        do {
            for (int q = 0; q < queries; q++) search.search(q, pool);
            searched += queries;
            elapsed = System.nanoTime() - start;
        } while (elapsed < settings.minSeconds() * 1e9);
        return searched / (elapsed / 1e9);
    }

    /** The candidates re-scored by the float vectors (a float second phase over hamming candidates), best k kept. */
    private static TopK rerank(TopK candidates, float[] query, FloatIndex floats, int k) {
        int[] docs = candidates.sortedDocs(null);
        TopK top = new TopK(k);
        for (int doc : docs) top.offer(doc, floats.score(query, doc));
        return top;
    }

    private LabRow row(LabEmbedder embedder, String vectors, int bytesPerDoc, EmbedderSpeed speed, double tokensPerQuery,
                       double tokensPerDoc, Timed timed, FloatIndex floats) throws IOException {
        return row(embedder.name(), embedder.dimensions(), embedder.modelBytes(), vectors, bytesPerDoc, speed, tokensPerQuery,
                tokensPerDoc, timed, floats);
    }

    private LabRow row(String name, int dims, long modelBytes, String vectors, int bytesPerDoc, EmbedderSpeed speed,
                       double tokensPerQuery, double tokensPerDoc, Timed timed, FloatIndex floats) throws IOException {
        Path runFile = settings.outDir().resolve("runs").resolve(name + "." + vectors.replace('@', '-') + ".trec");
        Evaluation evaluation = evaluate(timed.hits, floats, runFile);
        log.printf(Locale.ROOT, "%s %s: NDCG@10 %.4f, recall@100 %.4f, MRR@10 %.4f over %d queries; search %.1f / %.1f q/s%n",
                name, vectors, evaluation.ndcg10(), evaluation.recall100(), evaluation.mrr10(),
                evaluation.evaluated(), timed.qps1, timed.qpsN);
        return new LabRow(name, vectors, dims, modelBytes, bytesPerDoc, speed,
                tokensPerQuery, tokensPerDoc, evaluation, timed.qps1, timed.qpsN, runFile);
    }

    /** Builds the run (trec_eval order, ranks renumbered), writes it when {@code runFile} is given, and scores it. */
    private Evaluation evaluate(TopK[] hits, FloatIndex floats, Path runFile) throws IOException {
        Run run = toRun(hits, data, runFile == null ? "lab" : runFile.getFileName().toString());
        if (runFile != null) TrecRunFile.write(run, runFile);
        return Evaluator.evaluate(run, data.qrels());
    }

    static Run toRun(TopK[] hits, LabData data, String tag) {
        Run.Builder run = new Run.Builder(tag.replaceAll("\\.trec$", ""));
        for (int q = 0; q < hits.length; q++) {
            float[] scores = new float[hits[q].size()];
            int[] docs = hits[q].sortedDocs(scores);
            List<RunEntry> entries = new ArrayList<>(docs.length);
            for (int i = 0; i < docs.length; i++) {
                entries.add(new RunEntry(data.passages().get(docs[i]).docId(), i + 1, scores[i]));
            }
            List<RunEntry> ordered = TrecOrder.sorted(entries);
            List<RunEntry> ranked = new ArrayList<>(ordered.size());
            for (int i = 0; i < ordered.size(); i++) {
                ranked.add(new RunEntry(ordered.get(i).docId(), i + 1, ordered.get(i).score()));
            }
            run.add(data.topics().get(q).qid(), ranked);
        }
        return run.build();
    }

    /** {@code n} passages spread evenly over the list (all of them when it is shorter). */
    static List<Passage> sample(List<Passage> passages, int n) {
        if (passages.size() <= n) return passages;
        List<Passage> sample = new ArrayList<>(n);
        for (int i = 0; i < n; i++) sample.add(passages.get((int) ((long) i * passages.size() / n)));
        return sample;
    }
}
