package dev.embedlab.lab.align;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedlab.core.data.Passage;
import dev.embedlab.lab.EmbeddedCorpus;
import dev.embedlab.lab.LabEmbedder;
import dev.embedlab.lab.distill.Model2VecFolderWriter;
import dev.embedlab.staticembed.DType;
import dev.embedlab.staticembed.InvalidModelException;
import dev.embedlab.staticembed.tokenizer.Tokenizer;
import dev.embedlab.staticembed.tokenizer.Tokenizers;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

/**
 * Trains a static query encoder whose vectors land in a teacher's document space: pseudo-queries from the corpus,
 * the teacher's document vectors (from the lab's cache) as targets, the query-space distillation as the start,
 * contrastive training, and a Model2Vec folder as the result.
 */
final class Aligner {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a run did, for the log and the tests. */
    record Summary(int passages, int trainingQueries, int heldOutQueries, int rows, int vocabulary,
                          List<ContrastiveTrainer.Epoch> epochs, int bestEpoch, double seconds) {
    }

    private final AlignSettings settings;
    private final PrintStream log;

    Aligner(AlignSettings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    Summary align(List<Passage> passages, LabEmbedder teacher, Path teacherTokenizer, Path out) throws IOException {
        long start = System.nanoTime();
        if (passages.isEmpty()) throw new IllegalArgumentException("the corpus has no passages: nothing to align to");
        Tokenizer tokenizer = Tokenizers.fromTokenizerJson(teacherTokenizer);
        int threads = settings.training().threads();

        List<PseudoQuery> queries = new PseudoQueryMaker(tokenizer, settings.kinds(), settings.training().seed()).make(passages);
        BitSet heldOutPassages = heldOutPassages(passages.size());
        List<PseudoQuery> training = new ArrayList<>();
        List<PseudoQuery> heldOut = new ArrayList<>();
        for (PseudoQuery q : queries) (touches(q, heldOutPassages) ? heldOut : training).add(q);
        if (training.isEmpty()) throw new IllegalArgumentException("no pseudo-queries could be cut from the corpus's " + passages.size() + " passages");
        log.printf("align: %d passages, %d pseudo-queries (%s): %d for training, %d held out%n", passages.size(), queries.size(),
                settings.kinds(), training.size(), heldOut.size());

        EmbeddedCorpus documents = EmbeddedCorpus.embed(teacher, passages, settings.cacheDir(), threads, log);
        DocumentMatrix matrix = new DocumentMatrix(documents.index().matrix(), documents.index().rows(), documents.index().dims());

        QueryTable table = QuerySpaceStart.build(tokenizer, QuerySpaceStart.occurring(tokenizer, queries), teacher,
                settings.randomStart(), settings.training().seed(), settings.cacheDir(), threads, log);
        ContrastiveTrainer.Result result = new ContrastiveTrainer(table, matrix, settings.training(), log).train(training, heldOut);

        for (DType dtype : settings.dtypes()) {
            Path folder = dtype == settings.dtypes().get(0) ? out
                    : out.resolveSibling(out.getFileName() + "-" + dtype.name().toLowerCase(java.util.Locale.ROOT));
            write(table, tokenizer, teacherTokenizer, teacher, folder, dtype, result);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        log.printf("align: wrote %s (%d of %d vocabulary ids with a row, best epoch %d) in %.0f s%n", out, table.rowCount(),
                tokenizer.vocabularySize(), result.bestEpoch(), seconds);
        return new Summary(passages.size(), training.size(), heldOut.size(), table.rowCount(), tokenizer.vocabularySize(),
                result.epochs(), result.bestEpoch(), seconds);
    }

    /** A seeded share of passages whose pseudo-queries only ever measure, never train. */
    private BitSet heldOutPassages(int count) {
        Random random = new Random(settings.training().seed() ^ 0x5eed);
        BitSet held = new BitSet(count);
        for (int p = 0; p < count; p++) if (random.nextDouble() < settings.heldOut()) held.set(p);
        return held;
    }

    private static boolean touches(PseudoQuery query, BitSet passages) {
        for (int p : query.positives()) if (passages.get(p)) return true;
        return false;
    }

    /**
     * The Model2Vec folder. Ids without a row (never in the corpus) get zeros and so add nothing to a query. Full: one
     * row per vocabulary id. Compact: the trained rows plus one shared zero row, and a {@code mapping} from ids to
     * rows (Model2Vec's vocabulary quantization), so a 250k-token vocabulary costs only the corpus's tokens.
     */
    private void write(QueryTable table, Tokenizer tokenizer, Path teacherTokenizer, LabEmbedder teacher, Path out, DType dtype,
                       ContrastiveTrainer.Result result) throws IOException {
        int dims = table.dims();
        int vocabulary = tokenizer.vocabularySize();
        ObjectNode config = config(teacher, dims, table.rowCount(), dtype, result);
        if (settings.compact()) {
            int zeroRow = table.rowCount();
            float[] rows = java.util.Arrays.copyOf(table.rows(), (zeroRow + 1) * dims);
            int[] mapping = new int[vocabulary];
            for (int id = 0; id < vocabulary; id++) mapping[id] = table.row(id) >= 0 ? table.row(id) : zeroRow;
            Model2VecFolderWriter.write(out, rows, zeroRow + 1, dims, dtype, mapping, studentTokenizer(teacherTokenizer), config);
            return;
        }
        float[] full = new float[vocabulary * dims];
        for (int id = 0; id < vocabulary; id++) {
            int row = table.row(id);
            if (row >= 0) System.arraycopy(table.rows(), row * dims, full, id * dims, dims);
        }
        Model2VecFolderWriter.write(out, full, vocabulary, dims, dtype, studentTokenizer(teacherTokenizer), config);
    }

    /** The teacher's tokenizer.json without its post-processor: a static model adds no special tokens. */
    private static ObjectNode studentTokenizer(Path teacherTokenizer) throws IOException {
        var root = JSON.readTree(teacherTokenizer.toFile());
        if (!(root instanceof ObjectNode object)) throw new InvalidModelException(teacherTokenizer, "is not a JSON object");
        ObjectNode copy = object.deepCopy();
        copy.putNull("post_processor");
        return copy;
    }

    private ObjectNode config(LabEmbedder teacher, int dims, int rows, DType dtype, ContrastiveTrainer.Result result) {
        ObjectNode config = Model2VecFolderWriter.baseConfig(dims, dtype);
        ObjectNode provenance = config.putObject("embedlab_align");
        provenance.put("purpose", "query encoder: its vectors search the teacher's document vectors");
        provenance.put("teacher", teacher.describe());
        provenance.put("trained_tokens", rows);
        ArrayNode kinds = provenance.putArray("pseudo_queries");
        settings.kinds().stream().sorted().forEach(k -> kinds.add(k.name().toLowerCase(java.util.Locale.ROOT)));
        ContrastiveTrainer.Settings t = settings.training();
        provenance.put("start", settings.randomStart() ? "random" : "query-space distillation, centered");
        provenance.put("epochs", t.epochs()).put("best_epoch", result.bestEpoch()).put("batch_size", t.batchSize())
                .put("learning_rate", t.learningRate()).put("temperature", t.temperature()).put("seed", t.seed());
        return config;
    }
}
