package dev.embedlab.staticembed;

import com.yahoo.tensor.IndexedTensor;
import com.yahoo.tensor.Tensor;
import com.yahoo.tensor.TensorType;
import com.yahoo.tensor.Tensors;
import com.yahoo.tensor.serialization.TypedBinaryFormat;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Our bfloat16 and packed-sign encodings are bit-identical to what Vespa 8.700.24 itself produces. */
class OutputEncodingTest {

    @Test
    void bfloat16MatchesVespasBinaryFormat() {
        Random random = new Random(42);
        int n = 64;
        float[] values = new float[n];
        for (int i = 0; i < n; i++) values[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(8) - 4));
        values[0] = 1.00390625f + 0x1p-9f; // just above a rounding tie: truncation and rounding disagree
        values[1] = -0.0f;
        values[2] = Float.MIN_VALUE;

        TensorType type = TensorType.fromSpec("tensor<bfloat16>(x[" + n + "])");
        IndexedTensor.Builder builder = IndexedTensor.Builder.of(type);
        for (int i = 0; i < n; i++) builder.cell(values[i], i);
        byte[] serialized = TypedBinaryFormat.encode(builder.build());
        // Dense bfloat16 serialization ends with the cells, two big-endian bytes each.
        ByteBuffer cells = ByteBuffer.wrap(serialized, serialized.length - 2 * n, 2 * n);

        short[] ours = new short[n];
        BFloat16.encode(values, 0, n, ours, 0);
        for (int i = 0; i < n; i++) {
            short vespa = cells.getShort();
            assertEquals(vespa, ours[i], "cell " + i + " = " + values[i]);
            assertEquals(BFloat16.toFloat(vespa), BFloat16.truncate(values[i]), "value " + i);
        }
        assertEquals(1.0f, BFloat16.truncate(values[0]), "Vespa truncates, it does not round");
    }

    @Test
    void signBitsMatchVespasPackBits() {
        Random random = new Random(7);
        for (int dims : new int[] {8, 16, 256, 1024, 13}) {
            float[] values = new float[dims];
            for (int i = 0; i < dims; i++) values[i] = (float) random.nextGaussian();
            values[0] = 0f;
            if (dims > 1) values[1] = -0f;
            if (dims > 2) values[2] = Float.MIN_VALUE;
            if (dims > 3) values[3] = Float.NaN;

            IndexedTensor.Builder builder = IndexedTensor.Builder.of(TensorType.fromSpec("tensor<float>(x[" + dims + "])"));
            for (int i = 0; i < dims; i++) builder.cell(values[i], i);
            Tensor packed = Tensors.packBits(builder.build());
            byte[] vespa = new byte[SignBits.packedLength(dims)];
            for (int i = 0; i < vespa.length; i++) vespa[i] = (byte) ((IndexedTensor) packed).get(i);

            assertArrayEquals(vespa, SignBits.pack(values, dims), dims + " dims");
            byte[] atOffset = new byte[vespa.length + 2];
            float[] shifted = new float[dims + 3];
            System.arraycopy(values, 0, shifted, 3, dims);
            SignBits.pack(shifted, 3, dims, atOffset, 2);
            assertArrayEquals(vespa, java.util.Arrays.copyOfRange(atOffset, 2, atOffset.length), dims + " dims at offsets");
        }
    }

    @Test
    void firstDimensionIsTheMostSignificantBit() {
        assertArrayEquals(new byte[] {(byte) 0x80, 0x01}, SignBits.pack(new float[] {1, 0, 0, 0, 0, 0, 0, 0, -1, -1, -1, -1, -1, -1, -1, 2}, 16));
    }
}
