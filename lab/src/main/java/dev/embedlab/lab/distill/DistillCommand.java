package dev.embedlab.lab.distill;

import dev.embedlab.staticembed.DType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code embedlab distill}: a Model2Vec static model from an ONNX transformer and its tokenizer.json. */
@Command(name = "distill",
         mixinStandardHelpOptions = true,
         description = {"Distill a Model2Vec static embedding model from an ONNX transformer (Model2Vec method:",
                        "each vocabulary token through the teacher, mean pooling, PCA, SIF weights)."})
public final class DistillCommand implements Callable<Integer> {

    @Option(names = "--onnx", required = true, description = "Teacher ONNX model with a last_hidden_state output.")
    Path onnx;

    @Option(names = "--tokenizer", required = true, description = "The teacher's tokenizer.json (WordPiece).")
    Path tokenizer;

    @Option(names = "--out", required = true, description = "Output folder (created; existing model files are replaced).")
    Path out;

    @Option(names = "--dims", defaultValue = "256", description = "PCA dimensions (default: ${DEFAULT-VALUE}).")
    int dims;

    @Option(names = "--sif", defaultValue = "1e-4", description = "SIF coefficient (default: ${DEFAULT-VALUE}).")
    double sif;

    @Option(names = "--batch", defaultValue = "256", description = "Tokens per teacher batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--threads", description = "ONNX Runtime intra-op threads (default: all cores).")
    Integer threads;

    @Option(names = "--dtype", defaultValue = "F32", description = "Stored table type, F32 or F16 (default: ${DEFAULT-VALUE}).")
    DType dtype;

    @Option(names = "--remove-pattern", defaultValue = "\\[unused\\d+\\]",
            description = "Tokens matching this regex (at their start) are left out (default: ${DEFAULT-VALUE}).")
    String removePattern;

    @Option(names = "--limit-vocab", defaultValue = "0", hidden = true,
            description = "Distill only the first N tokens (others get zero rows): for tests.")
    int limitVocabulary;

    @Override
    public Integer call() throws Exception {
        DistillSettings settings = new DistillSettings(onnx, tokenizer, dims, sif, batch,
                                                       threads != null ? threads : Runtime.getRuntime().availableProcessors(),
                                                       limitVocabulary, dtype, java.util.regex.Pattern.compile(removePattern));
        Distiller.distill(settings, out, System.out);
        return 0;
    }
}
