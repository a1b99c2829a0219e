package dev.embedlab.lab.distill;

import dev.embedlab.core.report.Progress;
import ai.onnxruntime.OrtException;
import org.ejml.data.DMatrixRMaj;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Model2Vec distillation from an ONNX teacher: each kept vocabulary token, wrapped in the teacher's
 * special tokens ({@code [CLS] token [SEP]}), goes through the teacher; the mean of its last hidden
 * states is the token's vector; PCA reduces the vectors to N dimensions; SIF weights from the token's
 * Zipf rank scale the rows; the result is written as a Model2Vec folder.
 */
final class Distiller {

    /** What a run produced. */
    record Summary(int tokens, int distilledTokens, int removedTokens, int teacherDims, int dims,
                   double explainedVarianceRatio, double teacherSeconds, double totalSeconds) {
    }

    private Distiller() {
    }

    static Summary distill(DistillSettings settings, Path out, PrintStream log) throws IOException, OrtException {
        long start = System.nanoTime();
        TeacherVocabulary vocabulary = TeacherVocabulary.read(settings.tokenizer(), settings.removePattern());
        int tokens = vocabulary.size();
        int distilled = settings.limitVocabulary() > 0 ? Math.min(settings.limitVocabulary(), tokens) : tokens;
        log.printf("distill: %,d tokens kept, %,d removed by %s; %s%n", tokens, vocabulary.removed(), settings.removePattern(),
                   distilled < tokens ? "running only the first " + distilled + " (--limit-vocab)" : "running all");

        DMatrixRMaj vectors;
        int teacherDims;
        long teacherStart = System.nanoTime();
        try (OnnxTeacher teacher = new OnnxTeacher(settings.onnx(), settings.threads())) {
            teacherDims = teacher.hiddenSize();
            vectors = teacherVectors(teacher, vocabulary, distilled, settings.batchSize(), log);
        }
        double teacherSeconds = (System.nanoTime() - teacherStart) / 1e9;

        int dims = Math.min(settings.dimensions(), teacherDims);
        if (dims < settings.dimensions())
            log.printf("distill: --dims %d is more than the teacher's %d; keeping %d (rotated by PCA)%n", settings.dimensions(), teacherDims, dims);
        DMatrixRMaj reduced;
        double explained;
        int pcaDims;
        if (dims >= distilled) { // as Model2Vec: fewer tokens than components, no PCA
            log.printf("distill: %d tokens are too few for %d PCA components; keeping the teacher's %d dimensions%n", distilled, dims, teacherDims);
            reduced = vectors;
            explained = 1;
            dims = teacherDims;
            pcaDims = 0;
        }
        else {
            Pca.Result pca = Pca.fitTransform(vectors, dims);
            reduced = pca.projected();
            explained = pca.explainedVarianceRatio();
            pcaDims = dims;
            log.printf("distill: PCA %d -> %d dimensions keeps %.1f%% of the variance%n", teacherDims, dims, 100 * explained);
        }

        double[] weights = SifWeights.zipf(distilled, settings.sifCoefficient());
        float[] table = new float[tokens * dims]; // rows past --limit-vocab stay zero
        for (int row = 0; row < distilled; row++)
            for (int d = 0; d < dims; d++) table[row * dims + d] = (float) (reduced.unsafe_get(row, d) * weights[row]);

        Model2VecFolderWriter.write(out, table, tokens, dims, settings.dtype(), vocabulary.studentTokenizer(),
                                    Model2VecFolderWriter.config(settings, dims, pcaDims, settings.dtype(), distilled, vocabulary.removed()));
        double total = (System.nanoTime() - start) / 1e9;
        log.printf("distill: wrote %s (%,d x %d %s) in %s (teacher %s)%n", out, tokens, dims, settings.dtype(),
                   Progress.duration(Math.round(total)), Progress.duration(Math.round(teacherSeconds)));
        return new Summary(tokens, distilled, vocabulary.removed(), teacherDims, dims, explained, teacherSeconds, total);
    }

    private static DMatrixRMaj teacherVectors(OnnxTeacher teacher, TeacherVocabulary vocabulary, int count, int batchSize, PrintStream log)
            throws OrtException {
        int hidden = teacher.hiddenSize();
        DMatrixRMaj vectors = new DMatrixRMaj(count, hidden);
        long[][] batch = new long[batchSize][];
        float[][] pooled = new float[batchSize][hidden];
        Progress progress = Progress.of(log, "teacher", "tokens", count);
        for (int first = 0; first < count; first += batchSize) {
            int size = Math.min(batchSize, count - first);
            for (int b = 0; b < size; b++) batch[b] = vocabulary.teacherInput(first + b);
            teacher.meanPool(batch, size, pooled);
            for (int b = 0; b < size; b++)
                for (int h = 0; h < hidden; h++) vectors.unsafe_set(first + b, h, pooled[b][h]);
            progress.set(first + size);
        }
        return vectors;
    }
}
