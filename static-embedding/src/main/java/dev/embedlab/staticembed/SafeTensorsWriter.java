package dev.embedlab.staticembed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes safetensors files: tensors in the order added, header padded with spaces to a multiple of 8
 * bytes (as the reference writer does, so data stays aligned). Written to a temporary file and moved
 * into place, so a reader never sees half a file.
 */
public final class SafeTensorsWriter {

    private record Entry(String name, DType dtype, long[] shape, byte[] data) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    public SafeTensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** Adds a float tensor stored as F32, F16 or BF16 (rounded to nearest even for the 16-bit types). */
    public SafeTensorsWriter floats(String name, DType dtype, long[] shape, float[] values) {
        checkCount(name, shape, values.length);
        ByteBuffer buffer = ByteBuffer.allocate(Math.multiplyExact(values.length, dtype.bytes())).order(ByteOrder.LITTLE_ENDIAN);
        switch (dtype) {
            case F32 -> buffer.asFloatBuffer().put(values);
            case F16 -> { for (float v : values) buffer.putShort(HalfFloat.floatToF16(v)); }
            case BF16 -> { for (float v : values) buffer.putShort(bf16RoundedToNearestEven(v)); }
            default -> throw new IllegalArgumentException("cannot store floats as " + dtype);
        }
        return add(name, dtype, shape, buffer.array());
    }

    /** Adds a float64 tensor. */
    public SafeTensorsWriter doubles(String name, long[] shape, double[] values) {
        checkCount(name, shape, values.length);
        ByteBuffer buffer = ByteBuffer.allocate(Math.multiplyExact(values.length, 8)).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asDoubleBuffer().put(values);
        return add(name, DType.F64, shape, buffer.array());
    }

    /** Adds an I32 tensor. */
    public SafeTensorsWriter ints(String name, long[] shape, int[] values) {
        checkCount(name, shape, values.length);
        ByteBuffer buffer = ByteBuffer.allocate(Math.multiplyExact(values.length, 4)).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asIntBuffer().put(values);
        return add(name, DType.I32, shape, buffer.array());
    }

    /** Adds an I8 tensor. */
    public SafeTensorsWriter bytes(String name, long[] shape, byte[] values) {
        checkCount(name, shape, values.length);
        return add(name, DType.I8, shape, values.clone());
    }

    /** Adds a U8 tensor. */
    public SafeTensorsWriter unsignedBytes(String name, long[] shape, byte[] values) {
        checkCount(name, shape, values.length);
        return add(name, DType.U8, shape, values.clone());
    }

    /** SHA-256 (hex) of the data section {@link #write} will write: the tensors' bytes in the order added. */
    public String dataDigest() {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        for (Entry entry : entries) digest.update(entry.data);
        return HexFormat.of().formatHex(digest.digest());
    }

    private SafeTensorsWriter add(String name, DType dtype, long[] shape, byte[] data) {
        if (entries.stream().anyMatch(e -> e.name.equals(name)) || name.equals("__metadata__"))
            throw new IllegalArgumentException("duplicate or reserved tensor name '" + name + "'");
        entries.add(new Entry(name, dtype, shape.clone(), data));
        return this;
    }

    private static void checkCount(String name, long[] shape, int count) {
        long expected = 1;
        for (long size : shape) expected = Math.multiplyExact(expected, size);
        if (expected != count)
            throw new IllegalArgumentException("tensor '" + name + "': shape needs " + expected + " values, got " + count);
    }

    private static short bf16RoundedToNearestEven(float value) {
        int bits = Float.floatToRawIntBits(value);
        if ((bits & 0x7fffffff) > 0x7f800000) return (short) ((bits >>> 16) | 0x40); // NaN stays NaN
        int rounding = 0x7fff + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    public void write(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode header = json.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Entry entry : entries) {
            ObjectNode node = header.putObject(entry.name);
            node.put("dtype", entry.dtype.name());
            ArrayNode shape = node.putArray("shape");
            for (long size : entry.shape) shape.add(size);
            ArrayNode offsets = node.putArray("data_offsets");
            offsets.add(offset);
            offset += entry.data.length;
            offsets.add(offset);
        }
        byte[] headerBytes = json.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        int padded = (headerBytes.length + 7) / 8 * 8;
        byte[] headerPadded = new byte[padded];
        System.arraycopy(headerBytes, 0, headerPadded, 0, headerBytes.length);
        for (int i = headerBytes.length; i < padded; i++) headerPadded[i] = ' ';

        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // Not Files.createTempFile: its owner-only permissions would stick to the model file.
        Path temporary = parent.resolve(file.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
                out.write(headerPadded);
                for (Entry entry : entries) out.write(entry.data);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        finally {
            Files.deleteIfExists(temporary);
        }
    }
}
