package dev.embedlab.lab.distill;

import dev.embedlab.staticembed.DType;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What to distill and how; defaults are Model2Vec's ({@code pca_dims=256}, {@code sif_coefficient=1e-4},
 * {@code token_remove_pattern=\[unused\d+\]}, batches of 256).
 *
 * @param limitVocabulary run only the first N kept tokens through the teacher (0 = all); the others get
 *                        zero rows. For quick tests only: such a model is incomplete.
 */
record DistillSettings(Path onnx, Path tokenizer, int dimensions, double sifCoefficient, int batchSize, int threads,
                       int limitVocabulary, DType dtype, Pattern removePattern) {

    static final Pattern MODEL2VEC_REMOVE_PATTERN = Pattern.compile("\\[unused\\d+\\]");

    DistillSettings {
        if (dimensions < 1) throw new IllegalArgumentException("--dims must be positive, got " + dimensions);
        if (!(sifCoefficient > 0 && sifCoefficient < 1)) throw new IllegalArgumentException("--sif must be in (0, 1), got " + sifCoefficient);
        if (batchSize < 1) throw new IllegalArgumentException("--batch must be positive, got " + batchSize);
        if (threads < 1) throw new IllegalArgumentException("--threads must be positive, got " + threads);
        if (limitVocabulary < 0) throw new IllegalArgumentException("--limit-vocab must not be negative, got " + limitVocabulary);
        if (dtype != DType.F32 && dtype != DType.F16) throw new IllegalArgumentException("--dtype must be F32 or F16, got " + dtype);
    }
}
