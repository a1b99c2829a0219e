package dev.embedlab.client.fbench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the summary vespa-fbench prints at the end of a run ({@code FBench::PrintSummary} in vespa
 * {@code fbench/src/fbench/fbench.cpp}). Lines before the summary banner are ignored except "Client N: ...
 * => discarding client results."; every required field must be present, or parsing fails naming it.
 */
public final class FbenchSummaryParser {

    private static final String BANNER = "***************** Benchmark Summary *****************";
    private static final Pattern FIELD = Pattern.compile("^([a-z][a-z -]*?):\\s+(-?[\\d.]+)(?:\\s+(.*))?$");
    private static final Pattern PERCENTILE = Pattern.compile("^(\\d+(?:\\.\\d)?)\\s+percentile:\\s+([\\d.]+) (ms(?: \\(approx\\))?)\\s*$");
    private static final Pattern STATUS = Pattern.compile("^\\s*(\\d+) :\\s+(\\d+)\\s*$");
    private static final Pattern DISCARDED = Pattern.compile("^Client \\d+: .* => discarding client results\\.$");

    private FbenchSummaryParser() {
    }

    public static FbenchSummary parse(String output) {
        String[] lines = output.split("\\R");
        List<String> discarded = new ArrayList<>();
        int i = 0;
        for (; i < lines.length && !lines[i].strip().equals(BANNER); i++) {
            if (DISCARDED.matcher(lines[i].strip()).matches()) discarded.add(lines[i].strip());
        }
        if (i == lines.length) {
            throw new IllegalArgumentException("no vespa-fbench summary ('" + BANNER + "') in the output:\n" + excerpt(output));
        }
        Map<String, Double> fields = new TreeMap<>();
        TreeMap<Double, Double> percentiles = new TreeMap<>();
        List<Double> approximate = new ArrayList<>();
        TreeMap<Integer, Long> status = new TreeMap<>();
        boolean inStatus = false;
        for (i++; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) continue;
            if (inStatus) {
                Matcher m = STATUS.matcher(line);
                if (m.matches()) {
                    status.merge(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)), Long::sum);
                    continue;
                }
                inStatus = false;
            }
            String text = line.strip();
            if (text.equals("http request status breakdown:")) {
                inStatus = true;
                continue;
            }
            Matcher p = PERCENTILE.matcher(text);
            if (p.matches()) {
                double percentile = Double.parseDouble(p.group(1));
                percentiles.put(percentile, Double.parseDouble(p.group(2)));
                if (p.group(3).contains("approx")) approximate.add(percentile);
                continue;
            }
            Matcher f = FIELD.matcher(text);
            if (f.matches()) fields.put(f.group(1), Double.parseDouble(f.group(2)));
        }
        return new FbenchSummary(
                (int) required(fields, "clients"), (int) required(fields, "ran for"),
                (long) required(fields, "skipped requests"), (long) required(fields, "failed requests"),
                (long) required(fields, "successful requests"), required(fields, "minimum response time"),
                required(fields, "maximum response time"), required(fields, "average response time"),
                requirePercentiles(percentiles), required(fields, "actual query rate"),
                fields.getOrDefault("utilization", Double.NaN),
                fields.containsKey("zero hit queries") ? fields.get("zero hit queries").longValue() : -1,
                status, discarded, approximate);
    }

    private static double required(Map<String, Double> fields, String name) {
        Double value = fields.get(name);
        if (value == null) throw new IllegalArgumentException("vespa-fbench summary has no '" + name + ":' line");
        return value;
    }

    private static TreeMap<Double, Double> requirePercentiles(TreeMap<Double, Double> percentiles) {
        for (double p : new double[] {50.0, 95.0, 99.0}) {
            if (!percentiles.containsKey(p)) {
                throw new IllegalArgumentException("vespa-fbench summary has no " + (int) p + " percentile line");
            }
        }
        return percentiles;
    }

    private static String excerpt(String output) {
        return output.length() > 2000 ? output.substring(output.length() - 2000) : output;
    }
}
