package dev.embedlab.vespa.cache;

import com.yahoo.jdisc.Metric;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Test-only: a Metric sink that keeps the latest gauge values and the counter sums, by name and dimensions. */
final class RecordingMetric implements Metric {

    private record Dimensions(Map<String, ?> values) implements Context { }

    private final Map<String, Double> values = new ConcurrentHashMap<>();

    @Override
    public void set(String name, Number value, Context context) {
        values.put(key(name, context), value.doubleValue());
    }

    @Override
    public void add(String name, Number value, Context context) {
        values.merge(key(name, context), value.doubleValue(), Double::sum);
    }

    @Override
    public Context createContext(Map<String, ?> dimensions) {
        return new Dimensions(Map.copyOf(dimensions));
    }

    /** The value of a metric without dimensions, 0 if never reported. */
    double get(String name) {
        return values.getOrDefault(name + Map.of(), 0.0);
    }

    /** The value of a metric for one embedder, 0 if never reported. */
    double get(String name, String embedder) {
        return values.getOrDefault(name + Map.of("embedder", embedder), 0.0);
    }

    private static String key(String name, Context context) {
        return name + ((Dimensions) context).values();
    }
}
