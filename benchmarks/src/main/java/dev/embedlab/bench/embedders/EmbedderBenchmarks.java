package dev.embedlab.bench.embedders;

import dev.embedlab.bench.BenchmarkFiles;
import dev.embedlab.core.report.Table;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Runs {@link EmbedderBenchmark} for every embedder at 1 thread and at all cores, in one run, and writes
 * results/embedders.csv (embedder, threads, texts, queries_per_s, docs_per_s, p50_us, p99_us) plus a Markdown
 * table with each embedder's ratio to Vespa's HuggingFaceEmbedder int8 measured in the same run.
 *
 * <p>Throughput is threads / mean latency: each JMH thread embeds one text after the other, with no idle time.
 *
 * <p>Usage: {@code java -cp ... dev.embedlab.bench.embedders.EmbedderBenchmarks [embedder regex] [seconds per iteration]}
 */
public final class EmbedderBenchmarks {

    public static void main(String[] args) throws Exception {
        String embedders = args.length > 0 ? args[0] : ".*";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int cores = Runtime.getRuntime().availableProcessors();
        List<Row> rows = new ArrayList<>();
        for (int threads : cores > 1 ? new int[] { 1, cores } : new int[] { 1 }) {
            ChainedOptionsBuilder options = new OptionsBuilder()
                    .include(EmbedderBenchmark.class.getName())
                    .param("embedder", matching(embedders))
                    .threads(threads)
                    .forks(1)
                    .warmupIterations(2).warmupTime(TimeValue.seconds(seconds))
                    .measurementIterations(3).measurementTime(TimeValue.seconds(seconds))
                    .jvmArgsAppend("-Dembedlab.root=" + BenchmarkFiles.projectRoot(), "-Xmx4g");
            Collection<RunResult> results = new Runner(options.build()).run();
            for (RunResult result : results) rows.add(Row.of(result, threads));
        }
        Path csv = BenchmarkFiles.projectRoot().resolve("results/embedders.csv");
        Files.createDirectories(csv.getParent());
        Files.writeString(csv, csv(rows));
        System.out.println();
        System.out.println("Machine: " + cores + " cores, " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        System.out.print(markdown(rows));
        System.out.println("\nCSV: " + csv);
    }

    private static String[] matching(String regex) {
        return List.of("static-java", "static-component", "static-aligned", "aligned-component", "static-djl", "e5-int8", "e5-int8-max256", "e5-int8-max128", "e5-fp32").stream()
                .filter(name -> name.matches(regex)).toArray(String[]::new);
    }

    record Row(String embedder, int threads, String texts, double perSecond, double p50, double p99) {
        static Row of(RunResult result, int threads) {
            var params = result.getParams();
            var statistics = result.getPrimaryResult().getStatistics();
            double meanMicros = statistics.getMean();
            return new Row(params.getParam("embedder"), threads, params.getParam("texts"),
                           threads * 1e6 / meanMicros, statistics.getPercentile(50), statistics.getPercentile(99));
        }
    }

    private static String csv(List<Row> rows) {
        Table table = Table.withHeader(List.of("embedder", "threads", "texts", "queries_per_s", "docs_per_s", "p50_us", "p99_us"));
        for (Row row : rows) {
            boolean queries = row.texts.equals("queries");
            String perSecond = String.format(Locale.ROOT, "%.1f", row.perSecond);
            table.add(row.embedder, Integer.toString(row.threads), row.texts, queries ? perSecond : "",
                      queries ? "" : perSecond, String.format(Locale.ROOT, "%.2f", row.p50),
                      String.format(Locale.ROOT, "%.2f", row.p99));
        }
        return table.csv();
    }

    private static String markdown(List<Row> rows) {
        Table table = Table.withHeader(List.of("embedder", "threads", "texts", "texts/s", "p50 µs", "p99 µs", "× e5-int8"));
        for (Row row : rows) {
            String ratio = rows.stream()
                    .filter(b -> b.embedder.equals("e5-int8") && b.threads == row.threads && b.texts.equals(row.texts))
                    .findFirst().map(b -> String.format(Locale.ROOT, "%,.0f×", row.perSecond / b.perSecond)).orElse("–");
            table.add(row.embedder, Integer.toString(row.threads), row.texts,
                      String.format(Locale.ROOT, "%,.0f", row.perSecond), String.format(Locale.ROOT, "%.1f", row.p50),
                      String.format(Locale.ROOT, "%.1f", row.p99), ratio);
        }
        return table.markdown();
    }
}
