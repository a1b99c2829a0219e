package dev.embedlab.lab.align;

import dev.embedlab.core.data.CorpusFormat;
import dev.embedlab.core.data.CorpusReader;
import dev.embedlab.core.data.Passage;
import dev.embedlab.lab.EmbedderCatalog;
import dev.embedlab.lab.LabEmbedder;
import dev.embedlab.lab.OnnxLabEmbedder;
import dev.embedlab.lab.ProjectOptions;
import dev.embedlab.staticembed.DType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code embedlab align}: trains a static query encoder for one corpus and one teacher, whose query vectors search
 * the teacher's document vectors (the e5 HNSW index as fed) at static-lookup cost. Reads corpus text only: there
 * is no option for topics, queries or judgements.
 */
@Command(name = "align", mixinStandardHelpOptions = true,
         description = {"Train a static (token lookup + pooling) query encoder whose vectors land in a transformer's "
                 + "document space, for one corpus: pseudo-queries cut from the corpus (titles, sentences, spans), the "
                 + "teacher's document vectors as targets (softmax over every passage), starting from the teacher's "
                 + "query vectors of each token. Writes a Model2Vec folder that StaticLookupEmbedder, the lab, model2vec "
                 + "and sentence-transformers load. Reads corpus text only, never queries or judgements.",
                 "Document vectors come from (and go to) the lab's vector cache, so passages the lab embedded are not "
                 + "embedded again."})
public final class AlignCommand implements Callable<Integer> {

    @Option(names = "--corpus", description = "Corpus JSONL (Vespa feed, MIRACL or BEIR; plain, .gz or .zst). "
            + "Default: <root>/feed/yo-feed.jsonl.zst.")
    Path corpus;

    @Option(names = "--format", defaultValue = "AUTO", description = "Corpus format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    CorpusFormat format;

    @Option(names = "--max-docs", defaultValue = "0", description = "Use the first N passages in file order (0 = all).")
    int maxDocs;

    @Option(names = "--teacher", defaultValue = "e5-int8", description = "The document embedder: e5-int8, e5-fp32, me5-int8, "
            + "me5-fp32 (default: ${DEFAULT-VALUE}); or --onnx/--tokenizer.")
    String teacher;

    @Option(names = "--onnx", description = "A teacher ONNX model instead of --teacher (with --tokenizer).")
    Path onnx;

    @Option(names = "--tokenizer", description = "tokenizer.json of the --onnx teacher.")
    Path tokenizer;

    @Option(names = "--out", description = "Model folder to write (default: <root>/models/<teacher>-aligned).")
    Path out;

    @Option(names = "--pseudo-queries", split = ",", defaultValue = "title,sentence",
            description = "Pseudo-query kinds cut from the corpus: title, sentence, span (default: ${DEFAULT-VALUE}).")
    List<String> kinds;

    @Option(names = "--held-out", defaultValue = "0.02", description = "Share of passages whose pseudo-queries pick the best "
            + "epoch instead of training (default: ${DEFAULT-VALUE}).")
    double heldOut;

    @Option(names = "--start", defaultValue = "query-space", description = "query-space (the teacher's query vector of each "
            + "token, centered) or random (small seeded random rows: an ablation) (default: ${DEFAULT-VALUE}).")
    String start;

    @Option(names = "--epochs", defaultValue = "3", description = "Passes over the pseudo-queries; 0 writes the start alone (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "256", description = "Pseudo-queries per update (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--learning-rate", defaultValue = "0.003", description = "Adam step size (default: ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(names = "--temperature", defaultValue = "0.05", description = "Softmax temperature (default: ${DEFAULT-VALUE}).")
    float temperature;

    @Option(names = "--negatives", defaultValue = "8192", description = "Documents each batch of pseudo-queries is scored "
            + "against: that many drawn at random plus the batch's own passages; 0 = every passage, exact and slower "
            + "(default: ${DEFAULT-VALUE}).")
    int negatives;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--dtype", split = ",", defaultValue = "F32", description = "Stored table type: F32, F16 or I8 "
            + "(default: ${DEFAULT-VALUE}). Several (F32,F16,I8): the first goes to --out, the others to <out>-<type>.")
    List<DType> dtypes;

    @Option(names = "--compact", description = "Store only the rows of tokens that occur in the corpus, plus a token-to-row "
            + "mapping (Model2Vec vocabulary quantization): for large vocabularies such as multilingual-e5's 250k.")
    boolean compact;

    @Option(names = "--threads", description = "Threads (default: available processors).")
    Integer threads;

    @Mixin
    ProjectOptions project = new ProjectOptions();

    PrintStream log = System.err;

    @Override
    public Integer call() {
        Path projectRoot = project.root();
        Path corpusFile = corpus != null ? corpus : projectRoot.resolve("feed/yo-feed.jsonl.zst");
        Path cache = project.cacheDir();
        int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        try {
            if ((onnx == null) != (tokenizer == null)) throw new IllegalArgumentException("--onnx and --tokenizer go together");
            AlignSettings settings = new AlignSettings(kinds(), heldOut, randomStart(),
                    new ContrastiveTrainer.Settings(epochs, batchSize, learningRate, temperature, seed, threadCount, negatives), dtypes, compact, cache);
            EmbedderCatalog catalog = new EmbedderCatalog(project.modelsDir(), project.embedderSettings(), 0);
            List<Passage> passages = readCorpus(corpusFile);
            try (LabEmbedder embedder = onnx != null ? catalog.onnx(onnx, tokenizer) : catalog.open(teacher)) {
                if (!(embedder instanceof OnnxLabEmbedder onnxTeacher))
                    throw new IllegalArgumentException("--teacher must be a transformer (ONNX) model, not " + embedder.name());
                Path folder = out != null ? out : projectRoot.resolve("models").resolve(embedder.name() + "-aligned");
                log.println("align: teacher " + embedder.describe());
                new Aligner(settings, log).align(passages, onnxTeacher, onnxTeacher.tokenizerFile(), folder);
            }
            return 0;
        } catch (NoSuchFileException e) {
            log.println("align: " + e.getFile() + ": " + (e.getReason() != null ? e.getReason() : "file not found"));
            return 2;
        } catch (IllegalArgumentException e) {
            log.println("align: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            log.println("align: " + (e.getMessage() != null ? e.getMessage() : e));
            return 1;
        }
    }

    private EnumSet<PseudoQuery.Kind> kinds() {
        EnumSet<PseudoQuery.Kind> set = EnumSet.noneOf(PseudoQuery.Kind.class);
        for (String kind : kinds) {
            try {
                set.add(PseudoQuery.Kind.valueOf(kind.strip().toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--pseudo-queries: unknown kind '" + kind + "' (title, sentence, span)");
            }
        }
        return set;
    }

    private boolean randomStart() {
        return switch (start) {
            case "query-space" -> false;
            case "random" -> true;
            default -> throw new IllegalArgumentException("--start must be query-space or random, got '" + start + "'");
        };
    }

    /** The corpus in file order (first --max-docs); malformed lines are reported and skipped, duplicate ids stop. */
    private List<Passage> readCorpus(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, "corpus not found");
        List<Passage> passages = new ArrayList<>();
        Map<String, Long> lineOf = new HashMap<>();
        int[] skipped = {0};
        try (CorpusReader reader = CorpusReader.open(file, format, skip -> {
            skipped[0]++;
            if (skipped[0] <= 10) log.println("align: skipped " + skip);
        })) {
            while (reader.hasNext() && (maxDocs <= 0 || passages.size() < maxDocs)) {
                Passage p = reader.next();
                Long first = lineOf.putIfAbsent(p.docId(), p.line());
                if (first != null)
                    throw new IOException(file + ":" + p.line() + ": document id '" + p.docId() + "' already seen at line " + first);
                passages.add(p);
            }
        }
        if (skipped[0] > 0) log.printf("align: %d malformed corpus line(s) skipped%n", skipped[0]);
        return passages;
    }
}
