package dev.embedlab.client.sweep;

import dev.embedlab.client.schema.BenchmarkQuery;
import dev.embedlab.client.schema.EmbedForm;
import dev.embedlab.client.schema.QuerySpec;
import dev.embedlab.core.hnsw.HnswSetting;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The ordered steps of a sweep and the rows of its table. */
public record SweepPlan(String title, List<SweepStep> steps, List<SweepRow> rows) {

    /** When to feed the corpus again after changing index-time settings. */
    public enum Refeed {
        /** Only when neighbors-to-explore-at-insert changes: a restart rebuilds the graph for max-links-per-node
         *  but keeps links made with the old neighbors-to-explore-at-insert (Vespa schema reference). */
        AUTO, ALWAYS, NEVER
    }

    /**
     * The blog's HNSW sweep: per index setting a copy of the application with that setting, deploy, search node
     * restart, readiness wait, refeed if needed, then one evaluation (and fbench measurement) per
     * exploreAdditionalHits; exact search once, after the first deploy, as the baseline for overlap@10.
     */
    public static SweepPlan hnsw(Path application, String schema, QuerySpec base, List<HnswSetting> grid,
                                 List<Integer> explore, Refeed refeed, long minDocuments, Path outDir,
                                 boolean measureLatency, EmbedForm form) throws IOException {
        String field = base.mode().embeddingField();
        if (field == null) throw new IllegalArgumentException("mode " + base.mode() + " has no embedding field to tune");
        int[] current = ApplicationPackageEditor.readHnsw(application, schema, field);
        List<SweepStep> steps = new ArrayList<>();
        List<SweepRow> rows = new ArrayList<>();
        int previousNeighbors = current[1];
        for (int i = 0; i < grid.size(); i++) {
            HnswSetting setting = grid.get(i);
            Path copy = outDir.resolve("app-" + setting.maxLinksPerNode() + "-" + setting.neighborsToExploreAtInsert());
            steps.add(new SweepSteps.PrepareApplication(application, copy,
                    field + " hnsw max-links-per-node " + setting.maxLinksPerNode() + ", neighbors-to-explore-at-insert " + setting.neighborsToExploreAtInsert(),
                    dir -> ApplicationPackageEditor.setHnsw(dir, schema, field, setting.maxLinksPerNode(), setting.neighborsToExploreAtInsert())));
            steps.add(new SweepSteps.Deploy(copy));
            steps.add(new SweepSteps.RestartSearchnode("index settings take effect on restart; max-links-per-node rebuilds the graph"));
            steps.add(new SweepSteps.WaitReady(minDocuments));
            boolean feed = refeed == Refeed.ALWAYS || refeed == Refeed.AUTO && setting.neighborsToExploreAtInsert() != previousNeighbors;
            if (feed) {
                steps.add(new SweepSteps.Feed(refeed == Refeed.ALWAYS ? "refeed every setting"
                        : "neighbors-to-explore-at-insert " + previousNeighbors + " -> " + setting.neighborsToExploreAtInsert()
                          + " only applies to links made after it", "m" + setting.maxLinksPerNode() + "-n" + setting.neighborsToExploreAtInsert()));
            }
            previousNeighbors = setting.neighborsToExploreAtInsert();
            if (i == 0) {
                QuerySpec exact = base.withApproximate(false);
                BenchmarkQuery load = BenchmarkQuery.retrieval(exact, form);
                steps.add(new SweepSteps.Evaluate("exact", exact, true, false));
                if (measureLatency) steps.add(new SweepSteps.Fbench("exact", load));
                rows.add(new SweepRow("exact", "exact", null, null, null, null, load.form(), load.kind()));
            }
            for (int e : explore) {
                String label = "m" + setting.maxLinksPerNode() + "-n" + setting.neighborsToExploreAtInsert() + "-e" + e;
                QuerySpec spec = base.withApproximate(true).withExploreAdditionalHits(e);
                BenchmarkQuery load = BenchmarkQuery.retrieval(spec, form);
                steps.add(new SweepSteps.Evaluate(label, spec, false, true));
                if (measureLatency) steps.add(new SweepSteps.Fbench(label, load));
                rows.add(new SweepRow(label, "approximate", setting.maxLinksPerNode(), setting.neighborsToExploreAtInsert(), e, null, load.form(),
                        load.kind()));
            }
        }
        return new SweepPlan("HNSW sweep: " + field + ", " + grid.size() + " index settings x "
                + explore.size() + " exploreAdditionalHits + exact baseline", steps, rows);
    }

    /**
     * Threads per search: persearch set once to the largest value (it is read at startup and caps the per-query
     * value), then every query kind with each ranking.matching.numThreadsPerSearch.
     */
    public static SweepPlan threads(Path application, QuerySpec base, List<Integer> threads, List<Boolean> approximate,
                                    long minDocuments, Path outDir, boolean measureLatency, EmbedForm form) {
        int max = threads.stream().mapToInt(Integer::intValue).max().orElseThrow();
        Path copy = outDir.resolve("app-persearch-" + max);
        List<SweepStep> steps = new ArrayList<>();
        List<SweepRow> rows = new ArrayList<>();
        steps.add(new SweepSteps.PrepareApplication(application, copy, "persearch " + max,
                dir -> ApplicationPackageEditor.setPersearch(dir, max)));
        steps.add(new SweepSteps.Deploy(copy));
        steps.add(new SweepSteps.RestartSearchnode("persearch is read at startup"));
        steps.add(new SweepSteps.WaitReady(minDocuments));
        for (boolean approx : approximate) {
            for (int t : threads) {
                String search = approx ? "approximate" : "exact";
                String label = search + "-threads" + t;
                QuerySpec spec = base.withApproximate(approx).withExtra("ranking.matching.numThreadsPerSearch", String.valueOf(t));
                BenchmarkQuery load = BenchmarkQuery.retrieval(spec, form);
                steps.add(new SweepSteps.Evaluate(label, spec, false, false));
                if (measureLatency) steps.add(new SweepSteps.Fbench(label, load));
                rows.add(new SweepRow(label, search, null, null, approx ? base.exploreAdditionalHits() : null, t, load.form(),
                        load.kind()));
            }
        }
        return new SweepPlan("Threads-per-search sweep: persearch " + max + ", numThreadsPerSearch " + threads, steps, rows);
    }
}
