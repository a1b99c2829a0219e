package dev.embedlab.bench.cache;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;

/**
 * A query stream with Zipf-like repetition: query k (in a seeded random order of the given queries) is drawn
 * with probability proportional to 1 / k^exponent, as query logs repeat their head and rarely their tail.
 */
public final class ZipfStream {

    private ZipfStream() { }

    public static List<String> of(List<String> queries, int length, double exponent, long seed) {
        if (queries.isEmpty()) throw new IllegalArgumentException("No queries to draw from");
        if (exponent < 0) throw new IllegalArgumentException("The Zipf exponent must be >= 0, but is " + exponent);
        Random random = new Random(seed);
        List<String> ranked = new ArrayList<>(queries);
        Collections.shuffle(ranked, random);
        double[] cumulative = new double[ranked.size()];
        double sum = 0;
        for (int k = 0; k < ranked.size(); k++) cumulative[k] = sum += 1 / Math.pow(k + 1, exponent);
        List<String> stream = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            int index = java.util.Arrays.binarySearch(cumulative, random.nextDouble() * sum);
            stream.add(ranked.get(index >= 0 ? index : Math.min(-index - 1, ranked.size() - 1)));
        }
        return stream;
    }

    /** Distinct texts in a stream: with an unbounded cache, the misses of one cold replay. */
    public static int distinct(List<String> stream) {
        return new HashSet<>(stream).size();
    }
}
