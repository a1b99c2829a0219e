package dev.embedlab.client.sweep;

import dev.embedlab.client.schema.QuerySpec;
import dev.embedlab.client.fbench.CommandExecutor;
import dev.embedlab.core.hnsw.HnswSetting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code embedlab sweep}: the blog's HNSW and threads-per-search experiments against a running Vespa. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Parameter sweeps against a running Vespa (needs the Vespa CLI; Docker for restarts and fbench).",
        subcommands = {SweepCommand.Hnsw.class, SweepCommand.Threads.class})
public final class SweepCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Shared execution: print or prepare for a dry run, else run, then report. */
    abstract static class Base implements Callable<Integer> {
        @Mixin
        SweepOptions options = new SweepOptions();

        PrintStream out = System.out;
        PrintStream err = System.err;
        CommandExecutor executor = CommandExecutor.SYSTEM;

        abstract String kind();

        abstract SweepPlan plan(Path application, QuerySpec base, long minDocuments, Path outDir) throws Exception;

        @Override
        public Integer call() throws Exception {
            Path application = options.application();
            SweepContext context;
            SweepPlan plan;
            try {
                context = options.context(kind(), executor, err);
                plan = plan(application, options.query.toSpec(), options.minDocuments(options.dryRun), context.outDir());
            } catch (IllegalArgumentException e) {
                err.println("sweep: " + e.getMessage());
                return 2;
            }
            String refeedProblem = options.refeedProblem(plan);
            if (refeedProblem != null) {
                err.println("sweep: " + refeedProblem + "; nothing deployed, fed or queried");
                return 2;
            }
            if (options.dryRun) {
                SweepRunner.prepare(plan, context);
                out.println("# dry run: application copies prepared under " + context.outDir() + " (source " + application
                        + " untouched); nothing deployed, fed or queried");
                SweepRunner.print(plan, context, out);
                return 0;
            }
            try {
                options.load(context);
            } catch (IOException e) {
                err.println("sweep: " + e.getMessage() + "; nothing deployed, fed or queried");
                return 2;
            }
            try {
                SweepRunner.run(plan, context);
            } catch (SweepRunner.SweepFailedException e) {
                err.println("sweep: " + e.getMessage());
                writeReport(plan, context);
                return 2;
            }
            writeReport(plan, context);
            boolean clean = context.results().evaluations.values().stream().allMatch(r -> r.queryRun().failed() == 0)
                    && context.results().latency.values().stream().noneMatch(f -> f.summary().flagged());
            return clean ? 0 : 1;
        }

        private void writeReport(SweepPlan plan, SweepContext context) throws Exception {
            SweepReport report = new SweepReport(plan, context.results().evaluations, context.results().latency,
                    context.fbench() == null ? null : context.fbench().location());
            report.write(context.outDir(), "sweep-" + kind());
            out.print(report.markdown());
            out.println("results: " + context.outDir().resolve("sweep-" + kind() + ".md") + ", .csv, .png");
        }
    }

    @Command(name = "hnsw", mixinStandardHelpOptions = true,
            description = {
                    "For each max-links-per-node/neighbors-to-explore-at-insert setting: copy the application package with",
                    "the setting, deploy it, restart the search node, wait until it serves, refeed when needed, then",
                    "evaluate (and fbench) every hnsw.exploreAdditionalHits; exact search once as the baseline.",
                    "Table: NDCG@10, overlap@10 against exact, p95 latency and QPS per row (Markdown, CSV, PNG)."})
    static final class Hnsw extends Base {

        @Option(names = "--grid", split = ",", defaultValue = "16/100,32/500",
                description = "max-links-per-node/neighbors-to-explore-at-insert settings (default: ${DEFAULT-VALUE}).")
        List<String> grid;

        @Option(names = "--explore", split = ",", defaultValue = "0,100,300",
                description = "hnsw.exploreAdditionalHits values (default: ${DEFAULT-VALUE}).")
        List<Integer> explore;

        @Option(names = "--refeed", defaultValue = "AUTO",
                description = "When to refeed: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: when neighbors-to-explore-at-insert changes).")
        SweepPlan.Refeed refeed;

        @Option(names = "--schema", defaultValue = "passage", description = "Schema holding the embedding field (default: ${DEFAULT-VALUE}).")
        String schema;

        @Override
        String kind() {
            return "hnsw";
        }

        @Override
        SweepPlan plan(Path application, QuerySpec base, long minDocuments, Path outDir) throws Exception {
            return SweepPlan.hnsw(application, schema, base, grid.stream().map(HnswSetting::parse).toList(),
                    explore, refeed, minDocuments, outDir, !options.skipFbench, options.embed.form);
        }
    }

    @Command(name = "threads", mixinStandardHelpOptions = true,
            description = {
                    "Set persearch once to the largest value (a restart setting that caps the per-query one), deploy,",
                    "restart the search node, then evaluate and fbench each ranking.matching.numThreadsPerSearch for",
                    "exact and approximate search. Table: NDCG@10 (should not move), average and p95 latency, QPS."})
    static final class Threads extends Base {

        @Option(names = "--threads-per-search", split = ",", defaultValue = "1,2,4",
                description = "ranking.matching.numThreadsPerSearch values (default: ${DEFAULT-VALUE}).")
        List<Integer> threads;

        @Option(names = "--search", split = ",", defaultValue = "exact,approximate",
                description = "Which nearest-neighbour searches to run (default: ${DEFAULT-VALUE}).")
        List<String> search;

        @Override
        String kind() {
            return "threads";
        }

        @Override
        SweepPlan plan(Path application, QuerySpec base, long minDocuments, Path outDir) {
            List<Boolean> approximate = search.stream().map(s -> switch (s.strip()) {
                case "exact" -> false;
                case "approximate", "approx" -> true;
                default -> throw new IllegalArgumentException("--search takes exact and/or approximate, not '" + s + "'");
            }).toList();
            return SweepPlan.threads(application, base, threads, approximate, minDocuments, outDir, !options.skipFbench,
                    options.embed.form);
        }
    }
}
