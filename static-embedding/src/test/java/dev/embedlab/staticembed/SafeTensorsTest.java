package dev.embedlab.staticembed;

import dev.embedlab.testsupport.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafeTensorsTest {

    @TempDir
    Path dir;

    @Test
    void writtenTensorsReadBack() throws IOException {
        float[] table = {1.5f, -2.25f, 0f, 3.0e-3f, 1000f, -0.1f};
        Path file = dir.resolve("model.safetensors");
        new SafeTensorsWriter().metadata("format", "pt")
                               .floats("f32", DType.F32, new long[] {3, 2}, table)
                               .floats("f16", DType.F16, new long[] {3, 2}, table)
                               .floats("bf16", DType.BF16, new long[] {6}, table)
                               .doubles("f64", new long[] {2}, new double[] {0.1, -7})
                               .ints("i32", new long[] {3}, new int[] {0, -5, Integer.MAX_VALUE})
                               .bytes("i8", new long[] {2}, new byte[] {-127, 127})
                               .write(file);
        SafeTensors tensors = SafeTensors.open(file);
        assertEquals(List.of("f32", "f16", "bf16", "f64", "i32", "i8"), List.copyOf(tensors.tensors().keySet()));
        assertEquals(Map.of("format", "pt"), tensors.metadata());
        assertEquals(0, (Files.size(file) - tensors.tensors().values().stream().mapToLong(TensorInfo::byteLength).sum()) % 8,
                     "header padded to 8 bytes");
        assertArrayEquals(table, tensors.readFloats(tensors.require("f32")));
        assertArrayEquals(new byte[] {-127, 127}, tensors.readBytes(tensors.require("i8")));
        float[] halves = tensors.readFloats(tensors.require("f16"));
        float[] bfloats = tensors.readFloats(tensors.require("bf16"));
        for (int i = 0; i < table.length; i++) {
            assertEquals(table[i], halves[i], Math.abs(table[i]) * 1e-3 + 1e-7, "f16 " + i);
            assertEquals(table[i], bfloats[i], Math.abs(table[i]) * 4e-3, "bf16 " + i);
        }
        assertArrayEquals(new float[] {0.1f, -7f}, tensors.readFloats(tensors.require("f64")));
        assertArrayEquals(new int[] {0, -5, Integer.MAX_VALUE}, tensors.readInts(tensors.require("i32")));
        assertArrayEquals(new float[] {-127f, 127f}, tensors.readFloats(tensors.require("i8")));
        assertArrayEquals(new long[] {3, 2}, tensors.require("f16").shape());
    }

    @Test
    void theDataDigestReadBackIsTheOneWritten() throws IOException {
        Path file = dir.resolve("digest.safetensors");
        SafeTensorsWriter writer = new SafeTensorsWriter().metadata("format", "pt")
                .floats("f32", DType.F32, new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6})
                .ints("ids", new long[] {2}, new int[] {7, 8});
        String written = writer.dataDigest();
        writer.write(file);
        assertEquals(written, SafeTensors.open(file).dataDigest());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);
        assertNotEquals(written, SafeTensors.open(file).dataDigest());
    }

    @Test
    void readsTheFirstColumnsOnly() throws IOException {
        float[] table = new float[5 * 4];
        for (int i = 0; i < table.length; i++) table[i] = i;
        Path file = dir.resolve("t.safetensors");
        new SafeTensorsWriter().floats("f32", DType.F32, new long[] {5, 4}, table)
                               .floats("f16", DType.F16, new long[] {5, 4}, table)
                               .write(file);
        SafeTensors tensors = SafeTensors.open(file);
        float[][] expected = {{0, 1}, {4, 5}, {8, 9}, {12, 13}, {16, 17}};
        assertArrayEquals(expected, tensors.readRows(tensors.require("f32"), 2));
        assertArrayEquals(expected, tensors.readRows(tensors.require("f16"), 2));
        assertArrayEquals(EmbeddingTable.rowsOf(table, 5, 4), tensors.readRows(tensors.require("f32"), 4));
        assertThrows(IllegalArgumentException.class, () -> tensors.readRows(tensors.require("f32"), 5));
    }

    @Test
    void readsI64Mappings() throws IOException {
        Path file = RawSafeTensors.write(dir.resolve("m.safetensors"),
                                         "{\"mapping\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]}}", 16);
        byte[] bytes = Files.readAllBytes(file);
        int data = bytes.length - 16;
        bytes[data] = 7;       // 7
        bytes[data + 8] = 2;   // 2 + 2^32: does not fit an int
        bytes[data + 12] = 1;
        Files.write(file, bytes);
        SafeTensors tensors = SafeTensors.open(file);
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> tensors.readInts(tensors.require("mapping")));
        assertMessage(e, file, "element 1 = 4294967298 does not fit");
    }

    @Test
    void fixtureHeadersParse() throws IOException {
        SafeTensors tensors = SafeTensors.open(TestData.model2vecFixture("test-model-vocab-quantized").resolve("model.safetensors"));
        assertEquals(DType.F64, tensors.require("weights").dtype());
        assertEquals(DType.I32, tensors.require("mapping").dtype());
        assertArrayEquals(new long[] {128, 64}, tensors.require("embeddings").shape());
    }

    @Test
    void fileShorterThanTheLengthField() throws IOException {
        Path file = dir.resolve("tiny.safetensors");
        Files.write(file, new byte[] {1, 2, 3});
        assertMessage(assertThrows(InvalidModelException.class, () -> SafeTensors.open(file)), file, "shorter than the 8-byte header length");
    }

    @Test
    void headerLengthBeyondTheFile() throws IOException {
        Path file = RawSafeTensors.write(dir.resolve("a.safetensors"), 1L << 40, "{}", 0);
        assertMessage(assertThrows(InvalidModelException.class, () -> SafeTensors.open(file)), file, "exceeds the file size");
        Path negative = RawSafeTensors.write(dir.resolve("b.safetensors"), -1L, "{}", 0);
        assertMessage(assertThrows(InvalidModelException.class, () -> SafeTensors.open(negative)), negative, "18446744073709551615");
    }

    @Test
    void truncatedData() throws IOException {
        Path file = dir.resolve("model.safetensors");
        new SafeTensorsWriter().floats("embeddings", DType.F32, new long[] {100, 4}, new float[400]).write(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 10));
        assertMessage(assertThrows(InvalidModelException.class, () -> SafeTensors.open(file)), file,
                      "tensor 'embeddings' data_offsets [0, 1600] reach past the 1590 data bytes in the file (truncated?)");
    }

    @Test
    void headerLyingAboutAHugeShapeFailsBeforeAllocating() throws IOException {
        // 2^31 x 2^20 floats would be 8 PiB: the offsets in the file say 16 bytes.
        Path lying = RawSafeTensors.write(dir.resolve("lying.safetensors"),
                "{\"embeddings\":{\"dtype\":\"F32\",\"shape\":[2147483648,1048576],\"data_offsets\":[0,16]}}", 16);
        assertMessage(assertThrows(InvalidModelException.class, () -> SafeTensors.open(lying)), lying,
                      "hold 16 bytes but shape [2147483648,1048576] of F32 needs 9007199254740992");
        // Consistent shape and offsets, but far more bytes than the file has.
        Path consistent = RawSafeTensors.write(dir.resolve("consistent.safetensors"),
                "{\"embeddings\":{\"dtype\":\"F32\",\"shape\":[1000000000,2],\"data_offsets\":[0,8000000000]}}", 16);
        assertMessage(assertThrows(InvalidModelException.class, () -> SafeTensors.open(consistent)), consistent,
                      "reach past the 16 data bytes");
        Path overflow = RawSafeTensors.write(dir.resolve("overflow.safetensors"),
                "{\"embeddings\":{\"dtype\":\"F64\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,16]}}", 16);
        assertMessage(assertThrows(InvalidModelException.class, () -> SafeTensors.open(overflow)), overflow, "overflows");
    }

    @Test
    void malformedHeaders() throws IOException {
        assertHeaderFails("not json at all", "header is not valid JSON");
        assertHeaderFails("[1,2]", "header is not a JSON object");
        assertHeaderFails("{\"t\":{\"dtype\":\"Q4\",\"shape\":[1],\"data_offsets\":[0,1]}}", "tensor 't' has unknown dtype 'Q4'");
        assertHeaderFails("{\"t\":{\"shape\":[1],\"data_offsets\":[0,4]}}", "tensor 't' has no dtype string");
        assertHeaderFails("{\"t\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", "tensor 't' shape[0] is not a non-negative");
        assertHeaderFails("{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4]}}", "no data_offsets [begin, end] pair");
        assertHeaderFails("{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}}", "end before begin");
        assertHeaderFails("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                          + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", "tensors 'a' and 'b' overlap");
        assertHeaderFails("{\"__metadata__\":{\"n\":3}}", "__metadata__ value of 'n' is not a string");
    }

    private void assertHeaderFails(String header, String expected) throws IOException {
        Path file = RawSafeTensors.write(dir.resolve("bad.safetensors"), header, 16);
        assertMessage(assertThrows(InvalidModelException.class, () -> SafeTensors.open(file)), file, expected);
    }

    @Test
    void wrongKindsAreNamed() throws IOException {
        Path file = dir.resolve("model.safetensors");
        new SafeTensorsWriter().ints("embeddings", new long[] {2, 2}, new int[4]).write(file);
        SafeTensors tensors = SafeTensors.open(file);
        TensorInfo info = tensors.require("embeddings");
        assertMessage(assertThrows(InvalidModelException.class, () -> tensors.readFloats(info)), file,
                      "tensor 'embeddings' has dtype I32, which cannot be read as floats");
        assertMessage(assertThrows(InvalidModelException.class, () -> tensors.readBytes(info)), file,
                      "tensor 'embeddings' has dtype I32, expected one of [I8, U8]");
        assertMessage(assertThrows(InvalidModelException.class, () -> tensors.require("weights")), file,
                      "missing tensor 'weights' (tensors present: [embeddings])");
    }

    static void assertMessage(Exception e, Path file, String expected) {
        assertTrue(e.getMessage().startsWith(file.toString()), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
