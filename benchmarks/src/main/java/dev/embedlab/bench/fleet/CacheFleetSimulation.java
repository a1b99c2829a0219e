package dev.embedlab.bench.fleet;

import com.yahoo.language.process.Embedder;
import dev.embedlab.bench.BenchmarkFiles;
import dev.embedlab.bench.E5Embedder;
import dev.embedlab.bench.cache.ZipfStream;
import dev.embedlab.core.data.Topic;
import dev.embedlab.core.data.Topics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the per-container query-embedding cache does as query containers are added: a Zipf replay of real MIRACL
 * query texts through N = 1, 2, 4, 8 containers, each with its own cache, under round-robin, random and
 * text-affinity routing, for the configured cache size and for one smaller than the set of distinct texts.
 * Deterministic for a given seed. Prints a Markdown table and writes results/cache-fleet.csv.
 *
 * <p>Usage: CacheFleetSimulation [--requests N] [--exponent S] [--seed N] [--containers 1,2,4,8]
 * [--entries 50000,100] [--max-bytes B] [--languages yo,sw]
 */
public final class CacheFleetSimulation {

    private CacheFleetSimulation() { }

    public static void main(String[] args) throws IOException {
        Options options = Options.parse(args);
        List<String> texts = new ArrayList<>();
        for (String language : options.languages)
            for (Topic topic : Topics.read(BenchmarkFiles.miracl().resolve("topics.miracl-v1.0-" + language + "-dev.tsv")).topics())
                texts.add(topic.text());
        List<String> stream = ZipfStream.of(texts, options.requests, options.exponent, options.seed);
        System.out.printf(Locale.ROOT, "%d MIRACL dev query texts (%s), Zipf(%.2f) stream of %,d requests, %,d distinct, seed %d%n",
                          texts.size(), String.join("+", options.languages), options.exponent, stream.size(),
                          ZipfStream.distinct(stream), options.seed);

        OncePerTextEmbedder e5 = new OncePerTextEmbedder(E5Embedder.e5SmallV2("e5-small-v2-q.onnx"));
        List<FleetResult> results = simulate(e5, stream, options);
        String table = table(results);
        System.out.println(table);
        Path csv = BenchmarkFiles.projectRoot().resolve("results/cache-fleet.csv");
        Files.createDirectories(csv.getParent());
        Files.writeString(csv, csv(results));
        System.out.println("Wrote " + csv + " (" + e5.distinctTexts() + " texts embedded by e5-small-v2 int8)");
    }

    static List<FleetResult> simulate(Embedder model, List<String> stream, Options options) {
        List<FleetResult> results = new ArrayList<>();
        for (long entries : options.entries) {
            QueryCacheFleet fleet = new QueryCacheFleet(model, entries, options.maxBytes);
            for (int containers : options.containers)
                for (Routing routing : Routing.values())
                    results.add(fleet.replay(stream, containers, routing, options.seed));
        }
        return results;
    }

    /** Hit rate and e5 calls per container count, one column pair per routing, one block per cache size. */
    static String table(List<FleetResult> results) {
        StringBuilder out = new StringBuilder("| cache entries per container | containers |");
        for (Routing routing : Routing.values()) out.append(' ').append(routing.label()).append(": hit rate | e5 calls |");
        out.append("\n|--:|--:|").append("--:|--:|".repeat(Routing.values().length)).append('\n');
        results.stream().map(r -> List.of(r.maxEntries(), (long) r.containers())).distinct().forEach(key -> {
            out.append(String.format(Locale.ROOT, "| %,d | %d |", key.get(0), key.get(1)));
            for (Routing routing : Routing.values()) {
                FleetResult r = results.stream().filter(x -> x.maxEntries() == key.get(0) && x.containers() == key.get(1)
                                                             && x.routing() == routing).findFirst().orElseThrow();
                out.append(String.format(Locale.ROOT, " %.1f%% | %,d |", 100 * r.hitRate(), r.modelCalls()));
            }
            out.append('\n');
        });
        return out.toString();
    }

    static String csv(List<FleetResult> results) {
        StringBuilder out = new StringBuilder("max_entries,containers,routing,requests,e5_calls,hit_rate,e5_calls_saved\n");
        for (FleetResult r : results)
            out.append(String.format(Locale.ROOT, "%d,%d,%s,%d,%d,%.4f,%d%n", r.maxEntries(), r.containers(),
                                     r.routing().label(), r.requests(), r.modelCalls(), r.hitRate(), r.callsSaved()));
        return out.toString();
    }

    record Options(int requests, double exponent, long seed, int[] containers, long[] entries, long maxBytes,
                   List<String> languages) {

        static Options parse(String[] args) {
            int requests = 20_000;
            double exponent = 1.0;
            long seed = 42;
            int[] containers = { 1, 2, 4, 8 };
            long[] entries = { 50_000, 100 };            // services.xml's maxEntries, and fewer than the distinct texts
            long maxBytes = 64L << 20;                    // services.xml's maxBytes
            List<String> languages = List.of("yo", "sw");
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                if (value == null) throw new IllegalArgumentException(args[i] + " needs a value");
                switch (args[i++]) {
                    case "--requests" -> requests = Integer.parseInt(value);
                    case "--exponent" -> exponent = Double.parseDouble(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--containers" -> containers = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
                    case "--entries" -> entries = Arrays.stream(value.split(",")).mapToLong(Long::parseLong).toArray();
                    case "--max-bytes" -> maxBytes = Long.parseLong(value);
                    case "--languages" -> languages = List.of(value.split(","));
                    default -> throw new IllegalArgumentException("Unknown option '" + args[i - 1] + "'");
                }
            }
            return new Options(requests, exponent, seed, containers, entries, maxBytes, languages);
        }
    }
}
