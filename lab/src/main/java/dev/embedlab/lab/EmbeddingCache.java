package dev.embedlab.lab;

import dev.embedlab.staticembed.DType;
import dev.embedlab.staticembed.SafeTensors;
import dev.embedlab.staticembed.SafeTensorsWriter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Document embeddings on disk, keyed by the embedder's {@link LabEmbedder#cacheKey()} (model files + settings)
 * and the SHA-256 of the document text, so re-runs, subsets, new query modes and {@code embedlab align} never
 * embed a passage twice.
 * <p>
 * One directory per embedder key, holding safetensors segments that numpy reads without custom code
 * ({@code safetensors.numpy.load_file}): {@code text_sha256} (U8 [n, 16], the first 16 bytes of the SHA-256 of
 * the UTF-8 text), {@code tokens} (I32 [n], tokens the model saw) and {@code vectors} (F32 [n, dims]). The
 * metadata names the embedder key, the dimensions and the SHA-256 of the data section, checked on every open:
 * a segment that does not match is an error naming the file, never a silent re-use. Segments are written
 * whole (temporary file, then rename) every {@value #SEGMENT_RECORDS} new vectors and on close, so an
 * interrupted run loses at most the vectors of one unwritten segment.
 * <p>
 * A cache of the earlier single-file format ({@code <key>.vectors}) is imported into segments on open.
 */
public final class EmbeddingCache implements AutoCloseable {

    static final int SEGMENT_RECORDS = 1024;
    private static final String SEGMENT_PREFIX = "segment-";
    private static final String SEGMENT_SUFFIX = ".safetensors";
    private static final byte[] LEGACY_MAGIC = "EMBLAB1\n".getBytes(StandardCharsets.US_ASCII);

    /** A cached document: how many tokens the model saw and its vector. */
    public record Entry(int tokens, float[] vector) {
    }

    /** The 128-bit text key: the first 16 bytes of the SHA-256 of the UTF-8 text. */
    public record TextKey(long high, long low) {
        public static TextKey of(String text) {
            MessageDigest digest = FileDigests.sha256();
            ByteBuffer hash = ByteBuffer.wrap(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
            return new TextKey(hash.getLong(), hash.getLong());
        }

        static TextKey of(byte[] bytes, int offset) {
            ByteBuffer b = ByteBuffer.wrap(bytes, offset, 16);
            return new TextKey(b.getLong(), b.getLong());
        }

        void writeTo(ByteBuffer out) {
            out.putLong(high).putLong(low);
        }
    }

    private final Path directory;
    private final String embedderKey;
    private final int dims;
    private final FileChannel lockChannel;
    private final Map<TextKey, Entry> entries = new HashMap<>();
    private final List<TextKey> pending = new ArrayList<>();
    private int nextSegment;

    private EmbeddingCache(Path directory, String embedderKey, int dims, FileChannel lockChannel) {
        this.directory = directory;
        this.embedderKey = embedderKey;
        this.dims = dims;
        this.lockChannel = lockChannel;
    }

    /**
     * Opens (or creates) the cache of one embedder under {@code dir}, holding an exclusive lock on it until
     * {@link #close()}: two runs writing one cache would each embed what the other had not yet written.
     */
    public static EmbeddingCache open(Path dir, String embedderKey, int dims) throws IOException {
        String name = directoryName(embedderKey);
        Path directory = dir.resolve(name);
        Files.createDirectories(directory);
        FileChannel lock = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            lockOrExplain(lock, directory);
            EmbeddingCache cache = new EmbeddingCache(directory, embedderKey, dims, lock);
            cache.loadSegments();
            cache.importLegacy(dir.resolve(name + ".vectors"));
            return cache;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** True when {@link #open} would find a cache of this embedder under {@code dir} rather than create one. */
    public static boolean exists(Path dir, String embedderKey) {
        return Files.isDirectory(dir.resolve(directoryName(embedderKey)));
    }

    private static String directoryName(String embedderKey) {
        return embedderKey.substring(0, Math.min(32, embedderKey.length()));
    }

    private static void lockOrExplain(FileChannel channel, Path directory) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) { // held by this JVM
            lock = null;
        }
        if (lock == null) {
            throw new IOException(directory + " is in use by another embedlab run; wait for it to finish or pass a "
                    + "different --cache-dir");
        }
    }

    private void loadSegments() throws IOException {
        List<Path> segments = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, SEGMENT_PREFIX + "*" + SEGMENT_SUFFIX)) {
            files.forEach(segments::add);
        }
        segments.sort(null);
        for (Path segment : segments) {
            loadSegment(segment);
            String number = segment.getFileName().toString().substring(SEGMENT_PREFIX.length()).replace(SEGMENT_SUFFIX, "");
            nextSegment = Math.max(nextSegment, Integer.parseInt(number) + 1);
        }
    }

    private void loadSegment(Path segment) throws IOException {
        SafeTensors tensors = SafeTensors.open(segment);
        Map<String, String> meta = tensors.metadata();
        String why = null;
        if (!embedderKey.equals(meta.get("embedder_key"))) why = "was written for embedder key " + meta.get("embedder_key") + ", not " + embedderKey;
        else if (!String.valueOf(dims).equals(meta.get("dims"))) why = "holds " + meta.get("dims") + "-dimensional vectors, expected " + dims;
        else if (!tensors.dataDigest().equals(meta.get("data_sha256"))) why = "does not match the SHA-256 of its data (a damaged file)";
        if (why != null) throw new IOException(segment + " " + why + "; delete it to rebuild that part of the cache");
        byte[] keys = tensors.readBytes(tensors.require("text_sha256"));
        int[] tokens = tensors.readInts(tensors.require("tokens"));
        float[] vectors = tensors.readFloats(tensors.require("vectors"));
        for (int i = 0; i < tokens.length; i++) {
            entries.put(TextKey.of(keys, i * 16), new Entry(tokens[i], Arrays.copyOfRange(vectors, i * dims, (i + 1) * dims)));
        }
    }

    /** Reads a cache file of the earlier format, writes its vectors as segments, then removes it. */
    private void importLegacy(Path legacy) throws IOException {
        if (!Files.isRegularFile(legacy)) return;
        int recordBytes = 16 + 4 + 4 * dims;
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(legacy), 1 << 16)) {
            ByteBuffer header = ByteBuffer.wrap(in.readNBytes(LEGACY_MAGIC.length + 4)).order(ByteOrder.LITTLE_ENDIAN);
            if (header.remaining() < LEGACY_MAGIC.length + 4
                    || !Arrays.equals(Arrays.copyOf(header.array(), LEGACY_MAGIC.length), LEGACY_MAGIC))
                throw new IOException(legacy + ": not an embedlab vector cache; delete it or use another --cache-dir");
            int storedDims = header.getInt(LEGACY_MAGIC.length);
            if (storedDims != dims)
                throw new IOException(legacy + ": holds " + storedDims + "-dimensional vectors, expected " + dims + "; delete the file");
            byte[] record;
            while ((record = in.readNBytes(recordBytes)).length == recordBytes) { // a partial last record is dropped
                ByteBuffer r = ByteBuffer.wrap(record);
                TextKey key = new TextKey(r.getLong(), r.getLong());
                r.order(ByteOrder.LITTLE_ENDIAN);
                int tokens = r.getInt();
                float[] vector = new float[dims];
                r.asFloatBuffer().get(vector);
                add(key, tokens, vector);
            }
        }
        flush();
        Files.delete(legacy);
    }

    public Path directory() {
        return directory;
    }

    public int size() {
        return entries.size();
    }

    public synchronized Entry get(TextKey key) {
        return entries.get(key);
    }

    /** Adds an entry; a full segment is written to disk at once. */
    public synchronized void put(TextKey key, int tokens, float[] vector, int offset) throws IOException {
        if (entries.containsKey(key)) return;
        add(key, tokens, Arrays.copyOfRange(vector, offset, offset + dims));
    }

    private void add(TextKey key, int tokens, float[] vector) throws IOException {
        if (entries.putIfAbsent(key, new Entry(tokens, vector)) == null) pending.add(key);
        if (pending.size() >= SEGMENT_RECORDS) flush();
    }

    private void flush() throws IOException {
        if (pending.isEmpty()) return;
        int n = pending.size();
        ByteBuffer keys = ByteBuffer.allocate(n * 16);
        int[] tokens = new int[n];
        float[] vectors = new float[n * dims];
        for (int i = 0; i < n; i++) {
            TextKey key = pending.get(i);
            Entry entry = entries.get(key);
            key.writeTo(keys);
            tokens[i] = entry.tokens();
            System.arraycopy(entry.vector(), 0, vectors, i * dims, dims);
        }
        Path segment = directory.resolve(String.format("%s%06d%s", SEGMENT_PREFIX, nextSegment, SEGMENT_SUFFIX));
        SafeTensorsWriter writer = new SafeTensorsWriter()
                .unsignedBytes("text_sha256", new long[] {n, 16}, keys.array())
                .ints("tokens", new long[] {n}, tokens)
                .floats("vectors", DType.F32, new long[] {n, dims}, vectors)
                .metadata("embedder_key", embedderKey)
                .metadata("dims", String.valueOf(dims));
        writer.metadata("data_sha256", writer.dataDigest()).write(segment);
        nextSegment++;
        pending.clear();
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            flush();
        } finally {
            lockChannel.close();
        }
    }
}
