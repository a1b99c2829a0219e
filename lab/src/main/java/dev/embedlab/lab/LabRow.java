package dev.embedlab.lab;

import dev.embedlab.core.metrics.Evaluation;

import java.nio.file.Path;

/**
 * One line of the lab table: an embedder with one way of storing and searching its document vectors.
 *
 * @param embedder        embedder name
 * @param vectors         float, bfloat16, binary (hamming only) or binary+rerank@N
 * @param dims            vector dimensions
 * @param modelBytes      model weights on disk
 * @param bytesPerDoc     bytes per document of the vectors that are searched (float 4·d, bfloat16 2·d, binary d/8)
 * @param speed           embedding speed; null on compression rows (same embedder as its float row)
 * @param tokensPerQuery  average tokens the model saw per query
 * @param tokensPerDoc    average tokens per document
 * @param evaluation      scores of the run against the qrels
 * @param searchQps1      queries/s of the search alone (exact scan, plus re-rank) on 1 thread
 * @param searchQpsN      the same on all threads
 * @param runFile         the TREC run file written
 */
public record LabRow(String embedder, String vectors, int dims, long modelBytes, int bytesPerDoc, EmbedderSpeed speed,
                     double tokensPerQuery, double tokensPerDoc, Evaluation evaluation, double searchQps1,
                     double searchQpsN, Path runFile) {

    public boolean isFloat() {
        return vectors.equals("float");
    }
}
