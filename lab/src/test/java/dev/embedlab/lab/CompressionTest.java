package dev.embedlab.lab;

import dev.embedlab.staticembed.BFloat16;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** bfloat16 and binarized indexes hold what Vespa would hold, and hamming distance counts sign disagreements. */
class CompressionTest {

    @Test
    void hammingDistanceIsTheNumberOfDimensionsWithDifferentSigns() {
        int rows = 200;
        int dims = 384;
        Random random = new Random(11);
        float[] matrix = new float[rows * dims];
        for (int i = 0; i < matrix.length; i++) matrix[i] = (float) random.nextGaussian();
        float[] query = new float[dims];
        for (int i = 0; i < dims; i++) query[i] = (float) random.nextGaussian();
        BinaryIndex binary = BinaryIndex.of(new FloatIndex(matrix, rows, dims));
        assertEquals(48, binary.bytesPerDocument());

        float[] scores = new float[rows];
        int[] docs;
        try (SearchPool pool = new SearchPool(2)) {
            docs = binary.search(binary.encodeQuery(query), rows, pool).sortedDocs(scores);
        }
        for (int i = 0; i < rows; i++) {
            int doc = docs[i];
            int differ = 0;
            for (int d = 0; d < dims; d++) {
                if ((query[d] > 0) != (matrix[doc * dims + d] > 0)) differ++;
            }
            assertEquals(-differ, scores[i], 0.0, "document " + doc);
        }
    }

    @Test
    void bfloat16IndexDropsTheLow16BitsLikeVespa() {
        float[] matrix = {0.123456789f, -0.987654321f, 1e-7f, 3.0f};
        FloatIndex bf16 = new FloatIndex(matrix, 2, 2).toBfloat16();
        for (int i = 0; i < matrix.length; i++) {
            assertEquals(BFloat16.toFloat(BFloat16.bits(matrix[i])), bf16.matrix()[i], 0.0);
            assertEquals(0, Float.floatToRawIntBits(bf16.matrix()[i]) & 0xffff);
        }
        assertEquals(0.123456789f, matrix[0], 0.0); // the float index is untouched
    }
}
