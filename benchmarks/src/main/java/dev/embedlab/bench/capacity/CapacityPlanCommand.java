package dev.embedlab.bench.capacity;

import dev.embedlab.core.data.CorpusFormat;
import dev.embedlab.core.data.CorpusReader;
import dev.embedlab.core.data.Passage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Prints the capacity plan: bytes per document from the schema, text bytes measured on a corpus, and node counts
 * from the measured rates given as options (each is required: the plan states where its numbers come from).
 *
 * <p>Usage: CapacityPlanCommand --schema FILE --corpus FILE --e5-docs-per-core R --e5-queries-per-core R
 * --cache-hit-rate H --load-hours H --qps Q [--docs 1000000,10000000,100000000] [--copies 2] [--groups 2]
 * [--content-memory-gb 32] [--memory-limit 0.8] [--feed-vcpu 8] [--query-vcpu 4]
 */
public final class CapacityPlanCommand {

    private static final Set<String> REQUIRED = Set.of("--schema", "--corpus", "--e5-docs-per-core",
                                                       "--e5-queries-per-core", "--cache-hit-rate", "--load-hours", "--qps");

    private CapacityPlanCommand() { }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = parse(args);
        List<VectorField> fields = VectorField.read(Path.of(options.get("--schema")));
        double textBytes = meanTextBytes(Path.of(options.get("--corpus")));
        CapacityPlan plan = new CapacityPlan(new CapacityPlan.Inputs(
                fields, textBytes, number(options, "--e5-docs-per-core"), number(options, "--e5-queries-per-core"),
                number(options, "--cache-hit-rate"), number(options, "--load-hours"), number(options, "--qps"),
                (int) number(options, "--copies"), (int) number(options, "--groups"),
                number(options, "--content-memory-gb"), number(options, "--memory-limit"),
                (int) number(options, "--feed-vcpu"), (int) number(options, "--query-vcpu")));
        System.out.printf(Locale.ROOT, "Mean title + text: %.0f bytes per passage (%s)%n%n", textBytes, options.get("--corpus"));
        System.out.println(plan.fieldTable());
        System.out.println(plan.planTable(Arrays.stream(options.get("--docs").split(",")).map(Long::parseLong).toList()));
    }

    /** Mean UTF-8 bytes of title + " " + text over every passage of the corpus. */
    static double meanTextBytes(Path corpus) throws IOException {
        long bytes = 0, count = 0;
        try (CorpusReader reader = CorpusReader.open(corpus, CorpusFormat.VESPA_FEED)) {
            while (reader.hasNext()) {
                Passage passage = reader.next();
                bytes += (passage.title() + " " + passage.text()).getBytes(StandardCharsets.UTF_8).length;
                count++;
            }
        }
        if (count == 0) throw new IllegalArgumentException(corpus + " has no passages");
        return (double) bytes / count;
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>(Map.of("--docs", "1000000,10000000,100000000", "--copies", "2",
                                                           "--groups", "2", "--content-memory-gb", "32",
                                                           "--memory-limit", "0.8", "--feed-vcpu", "8", "--query-vcpu", "4"));
        for (int i = 0; i < args.length; i += 2) {
            if ( ! REQUIRED.contains(args[i]) && ! options.containsKey(args[i]))
                throw new IllegalArgumentException("Unknown option '" + args[i] + "'");
            if (i + 1 >= args.length) throw new IllegalArgumentException(args[i] + " needs a value");
            options.put(args[i], args[i + 1]);
        }
        for (String required : REQUIRED)
            if ( ! options.containsKey(required)) throw new IllegalArgumentException("Missing " + required);
        return options;
    }

    private static double number(Map<String, String> options, String name) {
        try {
            return Double.parseDouble(options.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, but is '" + options.get(name) + "'");
        }
    }
}
