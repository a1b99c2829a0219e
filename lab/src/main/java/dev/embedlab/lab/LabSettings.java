package dev.embedlab.lab;

import java.nio.file.Path;
import java.util.List;

/**
 * How the lab measures.
 *
 * @param threads          "all cores": worker threads for embedding and search
 * @param speedDocs        documents in the throughput sample (spread evenly over the corpus)
 * @param minSeconds       each throughput measurement repeats its input for at least this long
 * @param cacheDir         document embedding cache
 * @param outDir           report, CSV, charts and run files
 * @param compression      also measure bfloat16 and binarized rows
 * @param rerankDepths     binarized top-k depths to sweep before the float re-rank
 * @param rerankTolerance  the chosen depth is the smallest whose NDCG@10 is within this of float exact search, both
 *                         on the tuning half of the topics ({@link TopicSplit})
 * @param runDepth         documents per query in the run files (100, for recall@100)
 */
public record LabSettings(int threads, int speedDocs, double minSeconds, Path cacheDir, Path outDir, boolean compression,
                          List<Integer> rerankDepths, double rerankTolerance, int runDepth) {

    public LabSettings {
        rerankDepths = List.copyOf(rerankDepths);
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
        if (runDepth < 10) throw new IllegalArgumentException("run depth must be at least 10");
    }
}
