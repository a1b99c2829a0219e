package dev.embedlab.core.hnsw;

/**
 * The two index-time HNSW settings of a schema field, written "max-links-per-node/neighbors-to-explore-at-insert"
 * (e.g. 16/100) by the lab's {@code --hnsw} and the sweep's {@code --grid}.
 *
 * @param maxLinksPerNode            schema {@code max-links-per-node}
 * @param neighborsToExploreAtInsert schema {@code neighbors-to-explore-at-insert}
 */
public record HnswSetting(int maxLinksPerNode, int neighborsToExploreAtInsert) {

    /** Parses "M/ef", e.g. "16/100"; a message naming the expected form or the field otherwise. */
    public static HnswSetting parse(String text) {
        String[] parts = text.strip().split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected max-links-per-node/neighbors-to-explore-at-insert, e.g. 16/100, got '"
                    + text + "'");
        }
        return new HnswSetting(whole(parts[0], "max-links-per-node", text), whole(parts[1], "neighbors-to-explore-at-insert", text));
    }

    private static int whole(String value, String what, String text) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " in '" + text + "' is not a whole number: '" + value.strip() + "'");
        }
    }

    /** "M/ef", the form {@link #parse} takes. */
    @Override
    public String toString() {
        return maxLinksPerNode + "/" + neighborsToExploreAtInsert;
    }
}
