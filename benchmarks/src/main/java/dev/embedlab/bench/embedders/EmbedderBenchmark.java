package dev.embedlab.bench.embedders;

import dev.embedlab.bench.MiraclTexts;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Time to embed one MIRACL Yoruba text, per embedder: every call embeds the next text of the set, round robin.
 * Sample-time mode gives the latency distribution (p50, p99); {@link EmbedderBenchmarks} turns it into
 * queries/s or docs/s per thread count.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class EmbedderBenchmark {

    /** The passages benchmarked: enough to cover the length distribution, few enough to embed with fp32. */
    public static final int PASSAGES = 2000;

    @Param({ "static-java", "static-component", "static-aligned", "aligned-component", "static-djl", "e5-int8", "e5-int8-max256", "e5-int8-max128", "e5-fp32" })
    public String embedder;

    @Param({ "queries", "docs" })
    public String texts;

    private BenchmarkedEmbedder instance;
    private List<String> inputs;
    private boolean asQuery;

    @Setup(Level.Trial)
    public void setUp() {
        asQuery = texts.equals("queries");
        inputs = asQuery ? MiraclTexts.queries() : MiraclTexts.passages(PASSAGES);
        instance = BenchmarkedEmbedder.create(embedder);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        instance.close();
    }

    /** Each benchmark thread walks the texts from its own position. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    public float embedOne(Cursor cursor) {
        String text = inputs.get(cursor.next);
        cursor.next = cursor.next + 1 == inputs.size() ? 0 : cursor.next + 1;
        return instance.embed(text, asQuery);
    }
}
