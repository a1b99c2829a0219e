package dev.embedlab.bench.cache;

import ai.vespa.embedding.HuggingFaceEmbedder;
import com.yahoo.component.ComponentId;
import com.yahoo.component.chain.Chain;
import com.yahoo.component.provider.ComponentRegistry;
import com.yahoo.jdisc.Metric;
import com.yahoo.language.process.Embedder;
import com.yahoo.metrics.ManagerConfig;
import com.yahoo.metrics.simple.MetricManager;
import com.yahoo.metrics.simple.jdisc.SimpleMetricConsumer;
import com.yahoo.search.Query;
import com.yahoo.search.Result;
import com.yahoo.search.Searcher;
import com.yahoo.search.schema.Cluster;
import com.yahoo.search.schema.RankProfile;
import com.yahoo.search.schema.Schema;
import com.yahoo.search.schema.SchemaInfo;
import com.yahoo.search.searchchain.Execution;
import com.yahoo.tensor.Tensor;
import com.yahoo.tensor.TensorType;
import dev.embedlab.bench.E5Embedder;
import dev.embedlab.bench.MiraclTexts;
import dev.embedlab.vespa.cache.CacheMetrics;
import dev.embedlab.vespa.cache.FeatureMapping;
import dev.embedlab.vespa.cache.QueryEmbeddingCache;
import dev.embedlab.vespa.cache.QueryEmbeddingCacheSearcher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the query-embedding cache costs and saves, with Vespa's HuggingFaceEmbedder and e5-small-v2 int8 behind
 * it, on the MIRACL Yoruba dev queries. Queries are real {@link Query} objects run through a search chain that
 * ends where the content node would be, so the figures are the container's work per query (no HTTP, no JSON).
 *
 * <ul>
 *   <li>{@code hit} vs {@code hitBaseline}: the chain with and without the cache searcher on queries whose
 *       embedding is cached. The difference of the p50s is the searcher's added latency on a hit.</li>
 *   <li>{@code miss} vs {@code missBaseline}: the cache searcher on an empty cache, and the model call alone.</li>
 *   <li>{@code streamWithCache} vs {@code streamWithoutCache}: one replay of {@value #STREAM_LENGTH} queries drawn
 *       Zipf-like from the 119 topics, each built from its request parameters as the SearchHandler builds it:
 *       with the cache from cold ({@code embedlab.text}), and the Vespa way ({@code input.query(q_e5)=embed(e5,
 *       @embedlab.text)}, embedded during Query construction). Scores are per query; queries/s = 1e6 / score.</li>
 * </ul>
 * Metrics go to Vespa's simple-metrics consumer, the one the container wires to {@code Metric}.
 *
 * <p>Run from the project root (about five minutes; the without-cache replay embeds 2,000 queries per iteration):
 * <pre>
 * mvn -B -q -pl benchmarks -am install -DskipTests
 * java -cp "benchmarks/target/embedlab-benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" org.openjdk.jmh.Main \
 *      QueryEmbeddingCacheBenchmark -rf csv -rff results/query-embedding-cache.csv
 * </pre>
 */
@State(Scope.Benchmark)
@Fork(1)
public class QueryEmbeddingCacheBenchmark {

    public static final int STREAM_LENGTH = 2000;
    static final String FEATURE = "query(q_e5)";
    static final TensorType TYPE = TensorType.fromSpec("tensor<float>(x[384])");

    /** Repetition of the replayed stream: 0 is uniform; query logs are near 1. */
    @Param({ "1.0" })
    public double zipfExponent;

    private HuggingFaceEmbedder e5;
    private MetricManager metricManager;
    private QueryEmbeddingCache cache;
    private Chain<Searcher> withCache;
    private Chain<Searcher> withoutCache;
    private SchemaInfo schemaInfo;
    private Execution.Context executionContext;
    private List<String> queries;
    private List<String> cachedStreamRequests;
    private List<String> vespaStreamRequests;

    @Setup(Level.Trial)
    public void setUp() {
        e5 = E5Embedder.e5SmallV2("e5-small-v2-q.onnx");
        ComponentRegistry<Embedder> embedders = new ComponentRegistry<>();
        embedders.register(ComponentId.fromString("e5"), e5);
        embedders.freeze();
        metricManager = new MetricManager(new ManagerConfig.Builder().build());
        cache = new QueryEmbeddingCache(50_000, 64L << 20, embedders, new CacheMetrics(simpleMetrics(metricManager)));
        Searcher cacheSearcher = new QueryEmbeddingCacheSearcher("embedlab.text", List.of(new FeatureMapping("e5", FEATURE)),
                                                                 2048, false, cache);
        Searcher backend = new ContentNodeStandIn();
        withCache = new Chain<>(cacheSearcher, backend);
        withoutCache = new Chain<>(backend);
        schemaInfo = passageSchema();
        executionContext = Execution.Context.createContextStub(schemaInfo);

        queries = MiraclTexts.queries();
        List<String> stream = ZipfStream.of(queries, STREAM_LENGTH, zipfExponent, 42);
        cachedStreamRequests = new ArrayList<>();
        vespaStreamRequests = new ArrayList<>();
        for (String text : stream) {
            cachedStreamRequests.add(request("embedlab.text", text));
            vespaStreamRequests.add(request("embedlab.text", text) + "&input.query(q_e5)=" + encode("embed(e5, @embedlab.text)"));
        }
        for (String text : queries) search(withCache, query(request("embedlab.text", text))); // every text cached
        int distinct = ZipfStream.distinct(stream);
        System.out.printf("%nZipf stream: %d queries (exponent %.2f) over %d topics, %d distinct: hit ratio %.1f%% from a cold cache%n",
                          STREAM_LENGTH, zipfExponent, queries.size(), distinct, 100.0 * (STREAM_LENGTH - distinct) / STREAM_LENGTH);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        e5.deconstruct();
        metricManager.deconstruct();
    }

    /**
     * A fresh query carrying the next text, built before each call and not timed: a Query collects state as it
     * runs (its trace), so one reused a hundred thousand times gets slower, as no real query does.
     */
    @State(Scope.Thread)
    public static class FreshQuery {
        int next;
        Query query;
        String text;

        @Setup(Level.Invocation)
        public void build(QueryEmbeddingCacheBenchmark benchmark) {
            text = benchmark.queries.get(next);
            next = next + 1 == benchmark.queries.size() ? 0 : next + 1;
            query = benchmark.query(request("embedlab.text", text));
        }
    }

    /** A fresh query whose embedding is not cached when it runs. */
    @State(Scope.Thread)
    public static class ColdQuery extends FreshQuery {
        @Setup(Level.Invocation)
        public void forget(QueryEmbeddingCacheBenchmark benchmark) {
            benchmark.cache.invalidateAll();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 5, time = 2)
    @Measurement(iterations = 5, time = 2)
    public Result hit(FreshQuery fresh) {
        return search(withCache, fresh.query);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 5, time = 2)
    @Measurement(iterations = 5, time = 2)
    public Result hitBaseline(FreshQuery fresh) {
        return search(withoutCache, fresh.query);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 2, time = 3)
    @Measurement(iterations = 5, time = 3)
    public Result miss(ColdQuery cold) {
        return search(withCache, cold.query);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 2, time = 3)
    @Measurement(iterations = 5, time = 3)
    public Tensor missBaseline(FreshQuery fresh) {
        return e5.embed(fresh.text, new Embedder.Context(FEATURE).setEmbedderId("e5"), TYPE);
    }

    /** Empties the cache before each replay: every replay starts cold. */
    @State(Scope.Thread)
    public static class ColdCache {
        @Setup(Level.Iteration)
        public void empty(QueryEmbeddingCacheBenchmark benchmark) {
            benchmark.cache.invalidateAll();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OperationsPerInvocation(STREAM_LENGTH)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public void streamWithCache(ColdCache cold, Blackhole blackhole) {
        for (String request : cachedStreamRequests) blackhole.consume(search(withCache, query(request)));
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OperationsPerInvocation(STREAM_LENGTH)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public void streamWithoutCache(Blackhole blackhole) {
        for (String request : vespaStreamRequests) blackhole.consume(search(withoutCache, query(request)));
    }

    Result search(Chain<Searcher> chain, Query query) {
        Result result = new Execution(chain, executionContext).search(query);
        if (result.hits().getError() != null)
            throw new IllegalStateException("Query failed: " + result.hits().getError());
        return result;
    }

    /** As the SearchHandler builds a Query: from the request, with the schema info and the embedders. */
    Query query(String request) {
        return new Query.Builder().setRequest(request).setSchemaInfo(schemaInfo).setEmbedders(Map.of("e5", e5)).build();
    }

    /** A request as a client sends it. The timeout is long because the first queries of a cold JVM are slow. */
    static String request(String parameter, String text) {
        return "/search/?ranking=e5&timeout=20s&" + parameter + "=" + encode(text);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The passage schema's profiles with query inputs, as the config model gives them to the container. */
    static SchemaInfo passageSchema() {
        var e5Input = RankProfile.InputType.fromSpec("tensor<float>(x[384])");
        Schema passage = new Schema.Builder("passage")
                .add(new RankProfile.Builder("e5").addInput(FEATURE, e5Input).build())
                .add(new RankProfile.Builder("hybrid").addInput(FEATURE, e5Input).build())
                .add(new RankProfile.Builder("bm25").build())
                .build();
        return new SchemaInfo(List.of(passage), List.of(new Cluster.Builder("content").addSchema("passage").build()));
    }

    /** The Metric the container injects writes to the simple-metrics consumer; this is that consumer. */
    static Metric simpleMetrics(MetricManager manager) {
        SimpleMetricConsumer consumer = new SimpleMetricConsumer(manager.get());
        return new Metric() {
            @Override public void set(String key, Number value, Context context) { consumer.set(key, value, context); }
            @Override public void add(String key, Number value, Context context) { consumer.add(key, value, context); }
            @Override public Context createContext(Map<String, ?> properties) { return consumer.createContext(properties); }
        };
    }

    /** Ends the chain where the content node would be: the query as it would be sent, no hits. */
    static final class ContentNodeStandIn extends Searcher {
        @Override
        public Result search(Query query, Execution execution) {
            return new Result(query);
        }
    }
}
