package dev.embedlab.lab;

import dev.embedlab.core.metrics.Evaluation;
import dev.embedlab.lab.hnsw.HnswIndex;
import dev.embedlab.lab.hnsw.HnswParams;

import java.nio.file.Path;

/**
 * One HNSW measurement: an embedder's float document vectors in an index built with {@code params}, searched with
 * targetHits and hnsw.exploreAdditionalHits.
 *
 * @param embedder        embedder name
 * @param params          max-links-per-node, neighbors-to-explore-at-insert, level seed
 * @param explore         hnsw.exploreAdditionalHits
 * @param targetHits      nearestNeighbor targetHits (hits returned per query)
 * @param evaluation      scores of the run against the qrels (recall@100 counts only the targetHits returned)
 * @param overlap10       mean share of exact search's top 10 found in the top 10
 * @param distances       mean distance computations per query
 * @param buildSeconds    wall time to build the index on {@code buildThreads} threads
 * @param buildThreads    threads the index was built on
 * @param graphBytes      bytes of the graph's link arrays
 * @param isolatedNodes   documents left without layer-0 links (see {@link HnswIndex#isolatedNodes()})
 * @param shortQueries    queries that got fewer than targetHits hits (the search was stuck in a small part of the graph)
 * @param latency         search speed
 * @param runFile         the TREC run file written
 */
public record HnswRow(String embedder, HnswParams params, int explore, int targetHits, Evaluation evaluation, double overlap10,
                      double distances, double buildSeconds, int buildThreads, long graphBytes, int isolatedNodes,
                      int shortQueries, SearchTiming latency,
                      Path runFile) {

    /** The label {@code embedlab sweep hnsw} gives the same setting, e.g. m16-n100-e0. */
    public String label() {
        return "m" + params.maxLinksPerNode() + "-n" + params.neighborsToExploreAtInsert() + "-e" + explore;
    }
}
