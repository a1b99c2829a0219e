package dev.embedlab.lab;

import dev.embedlab.core.data.CorpusFormat;
import dev.embedlab.lab.hnsw.HnswParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code embedlab lab}: the quality / speed / size table of embedders on one machine, without Vespa. ONNX models
 * run through Vespa's own HuggingFaceEmbedder with the settings of the application package's services.xml, static
 * models through the project's static runtime; retrieval is exact search over all documents, and (unless
 * {@code --hnsw none}) HNSW indexes built the way Vespa builds them over the same float vectors.
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
         description = {"Offline lab: model size, docs/s and queries/s (1 thread and all cores), p50/p99 query latency, "
                 + "tokens, exact-search NDCG@10 / recall@100 / MRR@10 per embedder, and (with --compression) "
                 + "bfloat16 and binarized+re-ranked vectors; HNSW (Vespa's index rebuilt offline) per --hnsw setting x "
                 + "--target-hits x --explore: NDCG@10, recall@100, overlap@10 with exact search, distances per query, "
                 + "build time, graph bytes, search q/s and latency. Writes lab.md, lab.csv, hnsw.csv, PNG charts and TREC "
                 + "run files.",
                 "Bad input: a missing file or a malformed topics/qrels line stops the run; a malformed corpus line "
                 + "is skipped and reported (--strict stops); qrels for documents not in the corpus and topics "
                 + "without qrels are reported and scored as trec_eval does (--strict stops on the former)."})
public final class LabCommand implements Callable<Integer> {

    @Option(names = "--corpus", description = "Corpus JSONL (Vespa feed, raw MIRACL or BEIR corpus.jsonl; plain, .gz or "
            + ".zst). Default: <root>/feed/yo-feed.jsonl.zst (scripts/fetch-data.sh).")
    Path corpus;

    @Option(names = "--format", defaultValue = "AUTO", description = "Corpus format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    CorpusFormat format;

    @Option(names = "--topics", description = "Topics: TSV qid<TAB>text or BEIR queries.jsonl. "
            + "Default: <root>/queries/topics.miracl-v1.0-yo-dev.tsv.")
    Path topics;

    @Option(names = "--qrels", description = "Qrels: TREC or BEIR TSV. Default: <root>/queries/qrels.miracl-v1.0-yo-dev.tsv.")
    Path qrels;

    @Option(names = "--embedders", split = ",", defaultValue = "e5-int8",
            description = "Embedders, comma separated: e5-int8, e5-fp32, me5-int8, me5-fp32, static-<folder under "
                    + "--models>, static:<path> (default: ${DEFAULT-VALUE}).")
    List<String> embedders;

    @Option(names = "--query-model", split = ",", description = "<query embedder>=<document embedder>: a row where the first "
            + "embeds the queries and the second's document vectors are searched (an aligned static query encoder against "
            + "e5: static:models/e5-int8-aligned=e5-int8). The document embedder must be among --embedders.")
    List<String> queryModels = new ArrayList<>();

    @Option(names = "--onnx", description = "An extra ONNX model to measure (with --tokenizer), named onnx-<file name>.")
    Path onnx;

    @Option(names = "--tokenizer", description = "tokenizer.json of the --onnx model.")
    Path tokenizer;

    @Option(names = "--static-dims", defaultValue = "0", description = "Matryoshka: use the first N dimensions of static models (0 = all).")
    int staticDims;

    @Option(names = "--compression", description = "Also measure bfloat16 and binarized (hamming top-N + float re-rank) vectors.")
    boolean compression;

    @Option(names = "--rerank-depths", split = ",", defaultValue = "10,20,50,100,200,500,1000",
            description = "Binarized top-N depths swept before the float re-rank (default: ${DEFAULT-VALUE}).")
    List<Integer> rerankDepths;

    @Option(names = "--rerank-tolerance", defaultValue = "0.005",
            description = "Chosen depth: smallest N with NDCG@10 within this of float exact search, both on the tuning half of the "
                    + "topics (even positions by qid); the other half is reported held out (default: ${DEFAULT-VALUE}).")
    double rerankTolerance;

    @Option(names = "--hnsw", defaultValue = "16/100,32/500", converter = HnswOptions.IndexSettingsConverter.class,
            description = "HNSW indexes built over each embedder's float vectors, max-links-per-node/"
                    + "neighbors-to-explore-at-insert, comma separated, or none (default: ${DEFAULT-VALUE}, the Vespa blog's grid).")
    HnswOptions.IndexSettings hnsw;

    @Option(names = "--explore", split = ",", defaultValue = "0,100,300", converter = HnswOptions.ExploreConverter.class,
            description = "hnsw.exploreAdditionalHits values searched on every HNSW index (default: ${DEFAULT-VALUE}).")
    List<Integer> explore;

    @Option(names = "--target-hits", split = ",", defaultValue = "10,100", converter = HnswOptions.TargetHitsConverter.class,
            description = "nearestNeighbor targetHits values searched on every HNSW index (default: ${DEFAULT-VALUE}).")
    List<Integer> targetHits;

    @Option(names = "--hnsw-seed", defaultValue = "" + HnswParams.VESPA_SEED,
            description = "Seed of the HNSW level generator (default: ${DEFAULT-VALUE}, the constant Vespa seeds its generator with).")
    long hnswSeed;

    @Option(names = "--hnsw-min-seconds", defaultValue = "0.25",
            description = "Minimum duration of each HNSW q/s measurement, per thread count (default: ${DEFAULT-VALUE}).")
    double hnswMinSeconds;

    @Option(names = "--reduce-dims", split = ",", converter = PositiveCountConverter.class,
            description = "Also search each embedder's vectors cut to these dimensions: PCA fitted on the document vectors "
                    + "(rows pca-N; queries projected the same way) and the first N dimensions (rows first-N, Matryoshka "
                    + "truncation), both renormalized, exact search. Default: none.")
    List<Integer> reduceDims;

    @Option(names = "--max-tokens", split = ",", converter = PositiveCountConverter.class,
            description = "Measure each ONNX embedder once per token limit (documents and queries cut at N tokens, "
                    + "prefix and special tokens included), rows <name>-max<N>; the services.xml limit keeps the plain "
                    + "name and is measured first. Documents that fit a limit reuse the services.xml limit's cached vectors "
                    + "(same tokens in, same vector out), so only longer ones are embedded again. Limits above the "
                    + "services.xml one are refused. Default: the services.xml limit only.")
    List<Integer> maxTokens;

    @Option(names = "--max-docs", defaultValue = "0", description = "Use a subset: relevant documents first, then file "
            + "order, up to N (0 = all). Subset NDCG is NOT comparable with a full run.")
    int maxDocs;

    @Option(names = "--threads", description = "Threads for \"all cores\" (default: available processors).")
    Integer threads;

    @Option(names = "--speed-docs", defaultValue = "256", description = "Passages in the docs/s sample (default: ${DEFAULT-VALUE}).")
    int speedDocs;

    @Option(names = "--min-seconds", defaultValue = "1.0", description = "Minimum duration of each speed measurement (default: ${DEFAULT-VALUE}).")
    double minSeconds;

    @Mixin
    ProjectOptions project = new ProjectOptions();

    @Option(names = "--out", description = "Output folder (default: <root>/results/lab).")
    Path out;

    @Option(names = "--no-charts", description = "Do not write PNG charts.")
    boolean noCharts;

    @Option(names = "--strict", description = "Stop on malformed corpus lines and on relevant qrels documents missing from the corpus.")
    boolean strict;

    @Spec
    CommandSpec spec;

    PrintStream stdout = System.out;
    PrintStream log = System.err;

    /** The command as typed, for the report. */
    private String commandLine() {
        if (spec == null || spec.commandLine().getParseResult() == null) return "embedlab lab";
        return "embedlab " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }

    /**
     * One catalog per --max-tokens value for ONNX embedders, else the deployed settings' catalog alone. The deployed
     * limit goes first when listed: the other limits take the vectors of the texts it did not cut from its cache.
     */
    private List<EmbedderCatalog> tokenLimits(EmbedderCatalog catalog, boolean onnxEmbedder) {
        if (maxTokens == null || maxTokens.isEmpty() || !onnxEmbedder) return List.of(catalog);
        int deployed = catalog.deployedMaxTokens();
        return maxTokens.stream().distinct()
                .sorted(Comparator.comparing((Integer limit) -> limit != deployed))
                .map(catalog::withMaxTokens).toList();
    }

    @Override
    public Integer call() throws Exception {
        Path projectRoot = project.root();
        Path corpusFile = corpus != null ? corpus : projectRoot.resolve("feed/yo-feed.jsonl.zst");
        Path topicsFile = topics != null ? topics : projectRoot.resolve("queries/topics.miracl-v1.0-yo-dev.tsv");
        Path qrelsFile = qrels != null ? qrels : projectRoot.resolve("queries/qrels.miracl-v1.0-yo-dev.tsv");
        Path modelsDir = project.modelsDir();
        Path outDir = out != null ? out : projectRoot.resolve("results/lab");
        Path cache = project.cacheDir();
        int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if ((onnx == null) != (tokenizer == null)) {
            log.println("lab: --onnx and --tokenizer go together");
            return 2;
        }
        try {
            HuggingFaceSettings hf = project.embedderSettings();
            LabData data = LabInputs.read(corpusFile, format, topicsFile, qrelsFile, maxDocs, strict, log);
            log.printf("lab: %d passages, %d topics; %s%n", data.passages().size(), data.topics().size(), hf.describe());
            LabSettings settings = new LabSettings(threadCount, speedDocs, minSeconds, cache, outDir, compression,
                    rerankDepths, rerankTolerance, 100);
            EmbedderCatalog catalog = new EmbedderCatalog(modelsDir, hf, staticDims);
            HnswGrid grid = new HnswGrid(hnsw.values().stream().map(p -> p.withSeed(hnswSeed)).toList(), explore, targetHits,
                    hnswMinSeconds);
            LabRunner runner = new LabRunner(data, settings, grid, reduceDims == null ? List.of() : reduceDims, log);
            List<String> names = new ArrayList<>(embedders);
            if (maxTokens != null && onnx == null && names.stream().map(String::strip).noneMatch(EmbedderCatalog::isOnnx)) {
                log.println("lab: --max-tokens changes ONNX embedders only, and none of --embedders is one: no extra rows");
            }
            for (String name : names) {
                String embedderName = name.strip();
                for (EmbedderCatalog variant : tokenLimits(catalog, EmbedderCatalog.isOnnx(embedderName))) {
                    try (LabEmbedder embedder = variant.open(embedderName)) {
                        runner.measure(embedder);
                    }
                }
            }
            if (onnx != null) {
                for (EmbedderCatalog variant : tokenLimits(catalog, true)) {
                    try (LabEmbedder embedder = variant.onnx(onnx, tokenizer)) {
                        runner.measure(embedder);
                    }
                }
            }
            for (String pair : queryModels) {
                int split = pair.lastIndexOf('=');
                if (split <= 0 || split == pair.length() - 1)
                    throw new IllegalArgumentException("--query-model wants <query embedder>=<document embedder>, got '" + pair + "'");
                try (LabEmbedder queryEmbedder = catalog.open(pair.substring(0, split).strip());
                     LabEmbedder documentEmbedder = catalog.open(pair.substring(split + 1).strip())) {
                    runner.measureQueriesAgainst(queryEmbedder, documentEmbedder);
                }
            }
            LabReport report = new LabReport(runner.rows(), runner.sweep(), runner.rerankChoices(), data, settings, commandLine(),
                    MachineInfo.describe(), runner.embedderNotes());
            report.write(outDir);
            stdout.print(report.markdown());
            HnswReport hnswReport = new HnswReport(runner.hnswRows(), runner.rows(), data, threadCount,
                    Math.min(settings.runDepth(), data.passages().size()));
            if (!hnswReport.isEmpty()) {
                hnswReport.write(outDir);
                stdout.print(hnswReport.markdown());
            }
            if (!noCharts) {
                for (Path chart : LabCharts.write(runner.rows(), threadCount, outDir)) {
                    if (Files.exists(chart)) log.println("lab: chart " + chart);
                }
                for (Path chart : HnswChart.write(runner.hnswRows(), runner.rows(), threadCount, outDir)) {
                    log.println("lab: chart " + chart);
                }
            }
            log.println("lab: wrote " + outDir.resolve("lab.md") + ", " + outDir.resolve("lab.csv")
                    + (hnswReport.isEmpty() ? "" : ", " + outDir.resolve("hnsw.csv")) + " and run files in " + outDir.resolve("runs"));
            return 0;
        } catch (NoSuchFileException e) {
            log.println("lab: " + e.getFile() + ": " + (e.getReason() != null ? e.getReason() : "file not found")
                    + hint(e.getFile(), corpusFile, topicsFile, qrelsFile));
            return 2;
        } catch (LabInputs.StrictInputException | IllegalArgumentException e) {
            log.println("lab: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            log.println("lab: " + e.getMessage());
            return 1;
        }
    }

    private static String hint(String file, Path... defaults) {
        for (Path p : defaults) {
            if (p.toString().equals(file) && (file.contains("/feed/") || file.contains("/queries/"))) {
                return " (run scripts/fetch-data.sh yo, or give --corpus/--topics/--qrels)";
            }
        }
        return "";
    }
}
