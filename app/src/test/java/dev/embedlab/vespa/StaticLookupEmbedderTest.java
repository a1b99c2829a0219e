package dev.embedlab.vespa;

import com.yahoo.config.ModelReference;
import com.yahoo.language.process.Embedder;
import com.yahoo.tensor.Tensor;
import com.yahoo.tensor.TensorAddress;
import com.yahoo.tensor.TensorType;
import dev.embedlab.staticembed.SignBits;
import dev.embedlab.vespa.testing.ApplicationPackages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The component's contract with destination tensor types, on the static model distilled from e5-small-v2 (256 dims). */
class StaticLookupEmbedderTest {

    private static StaticLookupEmbedder embedder;

    @BeforeAll
    static void load() {
        Path fixture = ApplicationPackages.distilledStaticModel();
        var config = new StaticLookupEmbedderConfig.Builder()
                .model(ModelReference.valueOf(fixture.resolve("model.safetensors").toString()))
                .tokenizer(ModelReference.valueOf(fixture.resolve("tokenizer.json").toString()))
                .normalize(true)
                .build();
        embedder = new StaticLookupEmbedder(config, Embedder.Runtime.testInstance());
    }

    @Test
    void smallerDestinationIsTruncatedThenNormalized() {
        Tensor full = embed("hello world", "tensor<float>(x[256])");
        Tensor prefix = embed("hello world", "tensor<float>(x[16])");
        double norm = 0;
        for (int i = 0; i < 16; i++) norm += Math.pow(full.get(TensorAddress.of(i)), 2);
        norm = Math.sqrt(norm);
        for (int i = 0; i < 16; i++)
            assertEquals(full.get(TensorAddress.of(i)) / norm, prefix.get(TensorAddress.of(i)), 1e-6, "cell " + i);
    }

    @Test
    void int8DestinationGetsPackedSignBits() {
        Tensor floats = embed("hello world", "tensor<float>(x[256])");
        Tensor bits = embed("hello world", "tensor<int8>(x[8])");
        float[] values = new float[256];
        for (int i = 0; i < 64; i++) values[i] = (float) floats.get(TensorAddress.of(i));
        byte[] expected = SignBits.pack(values, 64);
        for (int i = 0; i < 8; i++) assertEquals(expected[i], (byte) bits.get(TensorAddress.of(i)), "byte " + i);
    }

    @Test
    void bfloat16DestinationWorks() {
        Tensor tensor = embed("hello world", "tensor<bfloat16>(x[32])");
        assertEquals(TensorType.Value.BFLOAT16, tensor.type().valueType());
        assertEquals(32, tensor.size());
    }

    @Test
    void widerDestinationIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class, () -> embed("hello", "tensor<float>(x[257])"));
        assertTrue(e.getMessage().contains("needs 257 dimensions but the model has 256"), e.getMessage());
        assertTrue(e.getMessage().contains("query(q_static)"), e.getMessage());
        var bits = assertThrows(IllegalArgumentException.class, () -> embed("hello", "tensor<int8>(x[33])"));
        assertTrue(bits.getMessage().contains("needs 264 dimensions (8 bits per int8 cell)"), bits.getMessage());
    }

    @Test
    void mappedDestinationIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class, () -> embed("hello", "tensor<float>(x{})"));
        assertTrue(e.getMessage().contains("one indexed dimension"), e.getMessage());
    }

    @Test
    void tokenIdsCarryNoSpecialTokens() {
        var ids = embedder.embed("hello world", context());
        assertEquals(2, ids.size(), ids.toString());
        assertFalse(ids.contains(101) || ids.contains(102), "no [CLS]/[SEP]: " + ids);
    }

    private static Tensor embed(String text, String type) {
        return embedder.embed(text, context(), TensorType.fromSpec(type));
    }

    private static Embedder.Context context() {
        return new Embedder.Context("query(q_static)").setEmbedderId("static");
    }
}
