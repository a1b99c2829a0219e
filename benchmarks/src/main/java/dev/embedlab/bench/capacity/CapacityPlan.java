package dev.embedlab.bench.capacity;

import java.util.List;
import java.util.Locale;

/**
 * Nodes for a corpus size, derived from measured per-core rates and the schema's bytes per document.
 * Every input is explicit ({@link Inputs}); nothing here is measured.
 */
public final class CapacityPlan {

    /**
     * @param fields             the schema's vector fields (bytes per document)
     * @param textBytesPerDoc    mean title + text bytes per passage (the document store holds them)
     * @param e5DocsPerCore      e5 passage embeddings per second per core (the lab's docs/s)
     * @param e5QueriesPerCore   e5 query embeddings per second per core (the lab's q/s)
     * @param cacheHitRate       share of queries the query containers' caches answer (the fleet simulation)
     * @param loadHours          hours to embed and feed the whole corpus once
     * @param qps                queries per second to serve
     * @param copies             copies of each document (min-redundancy)
     * @param groups             content groups
     * @param contentMemoryGb    memory per content node
     * @param memoryLimit        share of memory proton may fill before feed is blocked
     * @param feedVcpu           vCPUs per feed container
     * @param queryVcpu          vCPUs per query container
     */
    public record Inputs(List<VectorField> fields, double textBytesPerDoc, double e5DocsPerCore, double e5QueriesPerCore,
                         double cacheHitRate, double loadHours, double qps, int copies, int groups,
                         double contentMemoryGb, double memoryLimit, int feedVcpu, int queryVcpu) { }

    /** One corpus size's plan. */
    public record Row(long docs, double memoryBytesPerDoc, double memoryGbPerCopy, int contentNodesPerGroup,
                      int contentNodes, double textGbPerCopy, double feedCores, int feedContainers,
                      double queryEmbeddingCores, int queryContainers) { }

    private final Inputs in;

    public CapacityPlan(Inputs in) { this.in = in; }

    /** Vector cells and HNSW links of all fields, per document and copy. */
    public double memoryBytesPerDoc() {
        return in.fields().stream().mapToDouble(f -> f.vectorBytes() + f.hnswLinkBytes()).sum();
    }

    public Row plan(long docs) {
        double bytesPerDoc = memoryBytesPerDoc();
        double gbPerCopy = docs * bytesPerDoc / 1e9;
        // Each group holds one copy (copies == groups here), spread over its nodes.
        double copiesPerGroup = (double) in.copies() / in.groups();
        int nodesPerGroup = (int) Math.max(1, Math.ceil(gbPerCopy * copiesPerGroup / (in.contentMemoryGb() * in.memoryLimit())));
        double feedCores = docs / (in.loadHours() * 3600) / in.e5DocsPerCore();
        int feedContainers = Math.max(2, (int) Math.ceil(feedCores / in.feedVcpu()));
        double queryCores = in.qps() * (1 - in.cacheHitRate()) / in.e5QueriesPerCore();
        int queryContainers = Math.max(2, (int) Math.ceil(queryCores / in.queryVcpu()));
        return new Row(docs, bytesPerDoc, gbPerCopy, nodesPerGroup, nodesPerGroup * in.groups(),
                       docs * in.textBytesPerDoc() / 1e9, feedCores, feedContainers, queryCores, queryContainers);
    }

    public String fieldTable() {
        StringBuilder out = new StringBuilder("| field | cells | vector bytes/doc | HNSW max-links | HNSW link bytes/doc (upper bound) |\n|---|---|--:|--:|--:|\n");
        for (VectorField f : in.fields())
            out.append(String.format(Locale.ROOT, "| %s | %s x %d | %,d | %s | %.0f |%n", f.name(), f.cellType(), f.dimensions(),
                                     f.vectorBytes(), f.maxLinksPerNode().isPresent() ? f.maxLinksPerNode().getAsInt() : "-",
                                     f.hnswLinkBytes()));
        out.append(String.format(Locale.ROOT, "| **all** | | | | **%,.0f bytes/doc per copy** |%n", memoryBytesPerDoc()));
        return out.toString();
    }

    public String planTable(List<Long> sizes) {
        StringBuilder out = new StringBuilder("| passages | vectors+HNSW per copy | content nodes (groups x nodes) | text per copy | feed cores | feed containers | query embedding cores | query containers |\n|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (long docs : sizes) {
            Row r = plan(docs);
            out.append(String.format(Locale.ROOT, "| %,d | %.1f GB | %d (%d x %d) | %.1f GB | %.1f | %d | %.2f | %d |%n",
                                     r.docs(), r.memoryGbPerCopy(), r.contentNodes(), in.groups(), r.contentNodesPerGroup(),
                                     r.textGbPerCopy(), r.feedCores(), r.feedContainers(), r.queryEmbeddingCores(),
                                     r.queryContainers()));
        }
        return out.toString();
    }
}
