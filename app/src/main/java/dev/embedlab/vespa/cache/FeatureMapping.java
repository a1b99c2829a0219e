package dev.embedlab.vespa.cache;

import java.util.regex.Pattern;

/**
 * One configured route: the text is embedded by {@code embedderId} into the ranking feature {@code feature},
 * through the cache if {@code cached}, else by calling the embedder every time.
 */
public record FeatureMapping(String embedderId, String feature, boolean cached) {

    // Vespa's query feature syntax; the name inside is what rank profiles declare as an input.
    private static final Pattern QUERY_FEATURE = Pattern.compile("query\\([A-Za-z_][A-Za-z0-9_]*\\)");

    public FeatureMapping {
        if (embedderId == null || embedderId.isBlank())
            throw new IllegalArgumentException("A mapping has no embedder id (feature '" + feature + "')");
        if (feature == null || ! QUERY_FEATURE.matcher(feature).matches())
            throw new IllegalArgumentException("Mapping of embedder '" + embedderId + "': feature must be on the form " +
                                               "query(name), but is '" + feature + "'");
    }

    /** A cached mapping. */
    public FeatureMapping(String embedderId, String feature) { this(embedderId, feature, true); }
}
