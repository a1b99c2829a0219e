package dev.embedlab.bench.capacity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dense tensor field of the schema as the content node holds it in memory: its cells, and its HNSW graph.
 *
 * @param maxLinksPerNode the field's HNSW max-links-per-node, empty if it has no HNSW index
 */
public record VectorField(String name, String cellType, int dimensions, OptionalInt maxLinksPerNode) {

    private static final Pattern FIELD = Pattern.compile("\\bfield\\s+(\\w+)\\s+type\\s+tensor<(\\w+)>\\(\\w+\\[(\\d+)]\\)");
    private static final Pattern MAX_LINKS = Pattern.compile("max-links-per-node:\\s*(\\d+)");
    private static final Pattern NEXT = Pattern.compile("\\n\\s*(field|fieldset|rank-profile|document-summary)\\s");
    private static final int LINK_BYTES = 4;  // a link is a 32-bit document id

    public int vectorBytes() {
        return dimensions * switch (cellType) {
            case "double" -> 8;
            case "float" -> 4;
            case "bfloat16" -> 2;
            case "int8" -> 1;
            default -> throw new IllegalArgumentException("Field '" + name + "': unknown cell type " + cellType);
        };
    }

    /**
     * Bytes of HNSW links per document with full link lists, from Vespa's layout: up to 2M links on layer 0, up to M
     * on each layer above, and a node reaching layer l with probability M^-l (level multiplier 1/ln M), so the upper
     * layers add M/(M-1) links on average. An upper bound on the links; Vespa's per-node bookkeeping is not counted.
     */
    public double hnswLinkBytes() {
        if (maxLinksPerNode.isEmpty()) return 0;
        int m = maxLinksPerNode.getAsInt();
        return LINK_BYTES * (2.0 * m + (double) m / (m - 1));
    }

    /** The dense tensor fields of a schema file, in order, with their HNSW settings. */
    public static List<VectorField> read(Path schema) throws IOException {
        String text = Files.readString(schema);
        List<VectorField> fields = new ArrayList<>();
        Matcher field = FIELD.matcher(text);
        while (field.find()) {
            Matcher next = NEXT.matcher(text);
            int end = next.find(field.end()) ? next.start() : text.length();
            Matcher links = MAX_LINKS.matcher(text.substring(field.end(), end));
            fields.add(new VectorField(field.group(1), field.group(2), Integer.parseInt(field.group(3)),
                                       links.find() ? OptionalInt.of(Integer.parseInt(links.group(1))) : OptionalInt.empty()));
        }
        if (fields.isEmpty()) throw new IllegalArgumentException(schema + " has no dense tensor fields");
        return fields;
    }
}
