package dev.embedlab.lab;

import dev.embedlab.lab.hnsw.HnswParams;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.ArrayList;
import java.util.List;

/** Converters for the lab's HNSW options, so bad values stop at parsing with picocli's "Invalid value" message. */
final class HnswOptions {

    private HnswOptions() {
    }

    /** The parsed {@code --hnsw} value: index settings (seed not yet applied), empty for {@code none}. */
    record IndexSettings(List<HnswParams> values) {
    }

    /** "16/100,32/500" → two settings; "none" → none. */
    static final class IndexSettingsConverter implements ITypeConverter<IndexSettings> {
        @Override
        public IndexSettings convert(String value) {
            if (value.strip().equalsIgnoreCase("none")) return new IndexSettings(List.of());
            List<HnswParams> settings = new ArrayList<>();
            for (String part : value.split(",", -1)) {
                if (part.strip().equalsIgnoreCase("none")) {
                    throw new TypeConversionException("'none' turns HNSW off and cannot be combined with settings: '" + value + "'");
                }
                try {
                    settings.add(HnswParams.parse(part, 0));
                } catch (IllegalArgumentException e) {
                    throw new TypeConversionException(e.getMessage());
                }
            }
            return new IndexSettings(settings);
        }
    }

    /** hnsw.exploreAdditionalHits: a whole number, 0 or more. */
    static final class ExploreConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int n = whole(value, "exploreAdditionalHits");
            if (n < 0) throw new TypeConversionException("exploreAdditionalHits must be 0 or more, got " + n);
            return n;
        }
    }

    /** targetHits: a whole number, 1 or more. */
    static final class TargetHitsConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int n = whole(value, "targetHits");
            if (n < 1) throw new TypeConversionException("targetHits must be at least 1, got " + n);
            return n;
        }
    }

    private static int whole(String value, String what) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException(what + " must be a whole number, got '" + value + "'");
        }
    }
}
