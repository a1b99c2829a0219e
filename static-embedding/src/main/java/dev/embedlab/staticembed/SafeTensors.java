package dev.embedlab.staticembed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A safetensors file: an 8-byte little-endian header length, a JSON header
 * {@code {name: {dtype, shape, data_offsets}, "__metadata__": {...}}} and the raw little-endian data.
 *
 * <p>{@link #open} validates the whole header against the file's real size before anything is
 * allocated for tensor data: a header that claims more bytes than the file holds, offsets that
 * disagree with shape times dtype width, overlapping tensors or an unparsable header all fail with a
 * message naming the file and the tensor. Tensor data is read on demand, decoded straight from a
 * memory mapping into the destination array.
 */
public final class SafeTensors {

    /** The reference implementation refuses headers above 100 MB; so do we. */
    static final long MAX_HEADER_BYTES = 100_000_000;
    private static final String METADATA_KEY = "__metadata__";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final long dataStart;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;

    private SafeTensors(Path file, long dataStart, Map<String, TensorInfo> tensors, Map<String, String> metadata) {
        this.file = file;
        this.dataStart = dataStart;
        this.tensors = Collections.unmodifiableMap(tensors);
        this.metadata = Collections.unmodifiableMap(metadata);
    }

    /** Reads and validates the header of {@code file}. */
    public static SafeTensors open(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            if (fileSize < 8)
                throw new InvalidModelException(file, "not a safetensors file: " + fileSize + " bytes, shorter than the 8-byte header length");
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lengthBytes, 0, file);
            long headerLength = lengthBytes.getLong(0); // an unsigned u64: negative means >= 2^63
            if (headerLength < 0 || headerLength > fileSize - 8)
                throw new InvalidModelException(file, "header length " + Long.toUnsignedString(headerLength)
                                                      + " exceeds the file size " + fileSize + " (truncated or not safetensors)");
            if (headerLength > MAX_HEADER_BYTES)
                throw new InvalidModelException(file, "header length " + headerLength + " is above the " + MAX_HEADER_BYTES + " byte limit");
            if (headerLength < 2)
                throw new InvalidModelException(file, "header length " + headerLength + " is too short for a JSON object");
            ByteBuffer header = ByteBuffer.allocate((int) headerLength);
            readFully(channel, header, 8, file);
            long dataSize = fileSize - 8 - headerLength;
            return parse(file, header.array(), 8 + headerLength, dataSize);
        }
        catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such safetensors file");
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long position, Path file) throws IOException {
        while (into.hasRemaining()) {
            int read = channel.read(into, position + into.position());
            if (read < 0) throw new InvalidModelException(file, "unexpected end of file at byte " + (position + into.position()));
        }
    }

    private static SafeTensors parse(Path file, byte[] header, long dataStart, long dataSize) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(header);
        }
        catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidModelException(file, "header is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject())
            throw new InvalidModelException(file, "header is not a JSON object");
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equals(METADATA_KEY))
                readMetadata(file, entry.getValue(), metadata);
            else
                tensors.put(entry.getKey(), readTensorInfo(file, entry.getKey(), entry.getValue(), dataSize));
        }
        checkNoOverlap(file, tensors.values());
        return new SafeTensors(file, dataStart, tensors, metadata);
    }

    private static void readMetadata(Path file, JsonNode node, Map<String, String> into) throws InvalidModelException {
        if (node.isNull()) return;
        if (!node.isObject()) throw new InvalidModelException(file, METADATA_KEY + " is not a JSON object");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual())
                throw new InvalidModelException(file, METADATA_KEY + " value of '" + entry.getKey() + "' is not a string");
            into.put(entry.getKey(), entry.getValue().asText());
        }
    }

    private static TensorInfo readTensorInfo(Path file, String name, JsonNode node, long dataSize) throws InvalidModelException {
        String where = "tensor '" + name + "'";
        if (!node.isObject()) throw new InvalidModelException(file, where + " is not a JSON object");
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual())
            throw new InvalidModelException(file, where + " has no dtype string");
        DType dtype = DType.fromHeaderName(dtypeNode.asText()).orElseThrow(() ->
                new InvalidModelException(file, where + " has unknown dtype '" + dtypeNode.asText() + "'"));

        JsonNode shapeNode = node.get("shape");
        if (shapeNode == null || !shapeNode.isArray())
            throw new InvalidModelException(file, where + " has no shape array");
        long[] shape = new long[shapeNode.size()];
        long bytes = dtype.bytes();
        for (int i = 0; i < shape.length; i++) {
            shape[i] = nonNegativeLong(file, where + " shape[" + i + "]", shapeNode.get(i));
            try {
                bytes = Math.multiplyExact(bytes, shape[i]);
            }
            catch (ArithmeticException e) {
                throw new InvalidModelException(file, where + " shape " + shapeNode + " overflows a 64-bit byte count");
            }
        }

        JsonNode offsets = node.get("data_offsets");
        if (offsets == null || !offsets.isArray() || offsets.size() != 2)
            throw new InvalidModelException(file, where + " has no data_offsets [begin, end] pair");
        long begin = nonNegativeLong(file, where + " data_offsets[0]", offsets.get(0));
        long end = nonNegativeLong(file, where + " data_offsets[1]", offsets.get(1));
        if (end < begin)
            throw new InvalidModelException(file, where + " data_offsets [" + begin + ", " + end + "] end before begin");
        if (end > dataSize)
            throw new InvalidModelException(file, where + " data_offsets [" + begin + ", " + end + "] reach past the "
                                                  + dataSize + " data bytes in the file (truncated?)");
        if (end - begin != bytes)
            throw new InvalidModelException(file, where + " data_offsets [" + begin + ", " + end + "] hold " + (end - begin)
                                                  + " bytes but shape " + shapeNode + " of " + dtype + " needs " + bytes);
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    private static long nonNegativeLong(Path file, String what, JsonNode node) throws InvalidModelException {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0)
            throw new InvalidModelException(file, what + " is not a non-negative 64-bit integer: " + node);
        return node.asLong();
    }

    private static void checkNoOverlap(Path file, Iterable<TensorInfo> infos) throws InvalidModelException {
        List<TensorInfo> sorted = new ArrayList<>();
        for (TensorInfo info : infos) if (info.byteLength() > 0) sorted.add(info);
        sorted.sort(Comparator.comparingLong(TensorInfo::begin));
        for (int i = 1; i < sorted.size(); i++)
            if (sorted.get(i).begin() < sorted.get(i - 1).end())
                throw new InvalidModelException(file, "tensors '" + sorted.get(i - 1).name() + "' and '"
                                                      + sorted.get(i).name() + "' overlap");
    }

    public Path file() {
        return file;
    }

    /** Tensor entries in header order. */
    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    public Optional<TensorInfo> tensor(String name) {
        return Optional.ofNullable(tensors.get(name));
    }

    /** The tensor named {@code name}, or an error listing the tensors the file has. */
    public TensorInfo require(String name) throws InvalidModelException {
        TensorInfo info = tensors.get(name);
        if (info == null)
            throw new InvalidModelException(file, "missing tensor '" + name + "' (tensors present: " + tensors.keySet() + ")");
        return info;
    }

    /** Fails unless {@code info} has one of the {@code allowed} dtypes and the given rank. */
    public void requireKind(TensorInfo info, Set<DType> allowed, int rank) throws InvalidModelException {
        if (!allowed.contains(info.dtype()))
            throw new InvalidModelException(file, "tensor '" + info.name() + "' has dtype " + info.dtype()
                                                  + ", expected one of " + allowed);
        if (info.rank() != rank)
            throw new InvalidModelException(file, "tensor '" + info.name() + "' has shape " + info.shapeString()
                                                  + ", expected " + rank + " dimension" + (rank == 1 ? "" : "s"));
    }

    /**
     * SHA-256 (hex) of the data section, every byte after the header: what {@link SafeTensorsWriter#dataDigest} gave
     * when the file was written, so a writer that stored it in the metadata can tell a damaged file.
     */
    public String dataDigest() throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            long position = dataStart;
            int read;
            while ((read = channel.read(buffer, position)) > 0) {
                position += read;
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Decodes a floating point or int8 tensor into a new float array (row-major). */
    public float[] readFloats(TensorInfo info) throws IOException {
        checkFloatDecodable(info);
        float[] out = new float[checkedArrayLength(info)];
        int written = 0;
        for (ByteBuffer chunk : chunks(info)) {
            written = decodeFloats(info.dtype(), chunk, out, written);
        }
        return out;
    }

    /**
     * Decodes the first {@code columns} columns of a 2-D floating point or int8 tensor into one float
     * array per row, never holding the other columns in memory (a Matryoshka model kept at fewer
     * dimensions costs only what it keeps).
     */
    public float[][] readRows(TensorInfo info, int columns) throws IOException {
        if (info.rank() != 2)
            throw new InvalidModelException(file, "tensor '" + info.name() + "' has shape " + info.shapeString() + ", expected 2 dimensions");
        checkFloatDecodable(info);
        long rowCount = info.dimension(0);
        long width = info.dimension(1);
        if (columns < 1 || columns > width)
            throw new IllegalArgumentException(file + ": tensor '" + info.name() + "' has " + width + " columns, cannot keep " + columns);
        if (rowCount > Integer.MAX_VALUE - 8)
            throw new InvalidModelException(file, "tensor '" + info.name() + "' has " + rowCount + " rows, more than a Java array can hold");
        float[][] rows = new float[(int) rowCount][];
        long rowBytes = width * info.dtype().bytes();
        int keptBytes = columns * info.dtype().bytes();
        int row = 0;
        for (ByteBuffer chunk : chunks(info, rowBytes)) {
            for (int at = 0; at + rowBytes <= chunk.limit(); at += (int) rowBytes) {
                float[] values = new float[columns];
                decodeFloats(info.dtype(), chunk.slice(at, keptBytes).order(ByteOrder.LITTLE_ENDIAN), values, 0);
                rows[row++] = values;
            }
        }
        return rows;
    }

    private void checkFloatDecodable(TensorInfo info) throws InvalidModelException {
        Set<DType> decodable = EnumSet.of(DType.F64, DType.F32, DType.F16, DType.BF16, DType.I8);
        if (!decodable.contains(info.dtype()))
            throw new InvalidModelException(file, "tensor '" + info.name() + "' has dtype " + info.dtype()
                                                  + ", which cannot be read as floats (expected one of " + decodable + ")");
    }

    /** Decodes an I32 or I64 tensor into a new int array; I64 values outside the int range fail. */
    public int[] readInts(TensorInfo info) throws IOException {
        if (info.dtype() != DType.I32 && info.dtype() != DType.I64)
            throw new InvalidModelException(file, "tensor '" + info.name() + "' has dtype " + info.dtype()
                                                  + ", expected one of [I32, I64]");
        int[] out = new int[checkedArrayLength(info)];
        int written = 0;
        for (ByteBuffer chunk : chunks(info)) {
            if (info.dtype() == DType.I32) {
                int n = chunk.remaining() / 4;
                chunk.asIntBuffer().get(out, written, n);
                written += n;
            }
            else {
                while (chunk.remaining() >= 8) {
                    long value = chunk.getLong();
                    if (value != (int) value)
                        throw new InvalidModelException(file, "tensor '" + info.name() + "' element " + written
                                                              + " = " + value + " does not fit in a 32-bit int");
                    out[written++] = (int) value;
                }
            }
        }
        return out;
    }

    /** The raw bytes of an I8 or U8 tensor (row-major). */
    public byte[] readBytes(TensorInfo info) throws IOException {
        if (info.dtype() != DType.I8 && info.dtype() != DType.U8)
            throw new InvalidModelException(file, "tensor '" + info.name() + "' has dtype " + info.dtype()
                                                  + ", expected one of [I8, U8]");
        byte[] out = new byte[checkedArrayLength(info)];
        int written = 0;
        for (ByteBuffer chunk : chunks(info)) {
            int n = chunk.remaining();
            chunk.get(out, written, n);
            written += n;
        }
        return out;
    }

    private int checkedArrayLength(TensorInfo info) throws InvalidModelException {
        long count = info.elementCount();
        if (count > Integer.MAX_VALUE - 8)
            throw new InvalidModelException(file, "tensor '" + info.name() + "' has " + count
                                                  + " elements, more than a Java array can hold");
        return (int) count;
    }

    private static int decodeFloats(DType dtype, ByteBuffer in, float[] out, int at) {
        switch (dtype) {
            case F32 -> {
                int n = in.remaining() / 4;
                in.asFloatBuffer().get(out, at, n);
                return at + n;
            }
            case F64 -> {
                while (in.remaining() >= 8) out[at++] = (float) in.getDouble();
                return at;
            }
            case F16 -> {
                while (in.remaining() >= 2) out[at++] = HalfFloat.f16ToFloat(in.getShort());
                return at;
            }
            case BF16 -> {
                while (in.remaining() >= 2) out[at++] = HalfFloat.bf16ToFloat(in.getShort());
                return at;
            }
            case I8 -> { // model2vec stores int8 tables without a scale: the value is the float (as model2vec-rs)
                while (in.hasRemaining()) out[at++] = in.get();
                return at;
            }
            default -> throw new IllegalStateException("not a float dtype: " + dtype);
        }
    }

    /** Little-endian mappings of the tensor's bytes, each under 1 GiB and holding whole elements. */
    private List<ByteBuffer> chunks(TensorInfo info) throws IOException {
        return chunks(info, 8); // a multiple of every dtype width
    }

    /** Little-endian mappings of the tensor's bytes, each a whole number of {@code unit}s and at most 1 GiB (or one unit). */
    private List<ByteBuffer> chunks(TensorInfo info, long unit) throws IOException {
        long maxChunk = Math.max(1, (1L << 30) / unit) * unit;
        if (maxChunk > Integer.MAX_VALUE) throw new InvalidModelException(file, "tensor '" + info.name() + "' has rows over 2 GiB");
        List<ByteBuffer> chunks = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long expectedEnd = dataStart + info.end();
            if (channel.size() < expectedEnd) // the file shrank since open()
                throw new InvalidModelException(file, "tensor '" + info.name() + "' ends at byte " + expectedEnd
                                                      + " but the file now has " + channel.size());
            for (long at = info.begin(); at < info.end(); at += maxChunk) {
                long length = Math.min(maxChunk, info.end() - at);
                MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + at, length);
                chunks.add(mapped.order(ByteOrder.LITTLE_ENDIAN));
            }
        }
        return chunks;
    }
}
