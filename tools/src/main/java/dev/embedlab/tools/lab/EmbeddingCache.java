package dev.embedlab.tools.lab;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

/**
 * Document embeddings on disk, keyed by the embedder's {@link LabEmbedder#cacheKey()} (model files + settings)
 * and the SHA-256 of the document text, so re-runs, subsets and new query modes do not embed again.
 * <p>
 * One append-only file per embedder key: an 8-byte magic, the dimension count, then records of
 * (16-byte text digest, token count, dims little-endian floats). A run interrupted mid-write leaves a partial last
 * record, which is cut off on the next open; anything else unexpected (wrong magic or dimensions) is an error
 * naming the file rather than a silent re-use.
 */
public final class EmbeddingCache implements AutoCloseable {

    private static final byte[] MAGIC = "EMBLAB1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + 4;

    /** A cached document: how many tokens the model saw and its vector. */
    public record Entry(int tokens, float[] vector) {
    }

    /** The 128-bit text key. */
    public record TextKey(long high, long low) {
        public static TextKey of(String text) {
            MessageDigest digest = FileDigests.sha256();
            ByteBuffer hash = ByteBuffer.wrap(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
            return new TextKey(hash.getLong(), hash.getLong());
        }
    }

    private final Path file;
    private final int dims;
    private final int recordBytes;
    private final Map<TextKey, Entry> entries = new HashMap<>();
    private OutputStream out;
    private int appended;

    private EmbeddingCache(Path file, int dims) {
        this.file = file;
        this.dims = dims;
        this.recordBytes = 16 + 4 + 4 * dims;
    }

    /**
     * Opens (or creates) the cache of one embedder under {@code dir}, holding an exclusive lock on its file until
     * {@link #close()}: two runs appending to one file would each embed what the other had not yet written.
     */
    public static EmbeddingCache open(Path dir, String embedderKey, int dims) throws IOException {
        Path file = dir.resolve(embedderKey.substring(0, Math.min(32, embedderKey.length())) + ".vectors");
        Files.createDirectories(dir);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        try {
            lockOrExplain(channel, file);
            EmbeddingCache cache = new EmbeddingCache(file, dims);
            cache.load(channel);
            cache.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            if (channel.size() == 0) {
                cache.out.write(MAGIC);
                cache.out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(dims).array());
                cache.out.flush();
            }
            return cache;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static void lockOrExplain(FileChannel channel, Path file) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) { // held by this JVM
            lock = null;
        }
        if (lock == null) {
            throw new IOException(file + " is in use by another embedlab lab run; wait for it to finish or pass a "
                    + "different --cache-dir");
        }
    }

    private void load(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) return;
        long whole = size < HEADER ? 0 : HEADER + (size - HEADER) / recordBytes * recordBytes;
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
            byte[] header = new byte[HEADER];
            try {
                in.readFully(header);
            } catch (EOFException e) {
                throw new IOException(file + ": truncated header; delete the file to rebuild the cache");
            }
            ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            byte[] magic = new byte[MAGIC.length];
            h.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + ": not an embedlab vector cache; delete it or use another --cache-dir");
            }
            int storedDims = h.getInt();
            if (storedDims != dims) {
                throw new IOException(file + ": holds " + storedDims + "-dimensional vectors, expected " + dims
                        + "; delete the file to rebuild the cache");
            }
            byte[] record = new byte[recordBytes];
            ByteBuffer r = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
            for (long at = HEADER; at < whole; at += recordBytes) {
                in.readFully(record);
                r.clear();
                TextKey key = new TextKey(r.order(ByteOrder.BIG_ENDIAN).getLong(), r.getLong());
                r.order(ByteOrder.LITTLE_ENDIAN);
                int tokens = r.getInt();
                float[] vector = new float[dims];
                r.asFloatBuffer().get(vector);
                entries.put(key, new Entry(tokens, vector));
            }
        }
        if (whole < size) channel.truncate(whole); // a run stopped mid-record: drop the partial record
    }

    public Path file() {
        return file;
    }

    public int size() {
        return entries.size();
    }

    public synchronized Entry get(TextKey key) {
        return entries.get(key);
    }

    /** Adds an entry and writes it; flushed every 256 records and on close so an interrupted run keeps most work. */
    public synchronized void put(TextKey key, int tokens, float[] vector, int offset) throws IOException {
        if (entries.containsKey(key)) return;
        float[] copy = java.util.Arrays.copyOfRange(vector, offset, offset + dims);
        entries.put(key, new Entry(tokens, copy));
        ByteBuffer record = ByteBuffer.allocate(recordBytes);
        record.putLong(key.high()).putLong(key.low());
        record.order(ByteOrder.LITTLE_ENDIAN).putInt(tokens);
        for (float v : copy) record.putFloat(v);
        out.write(record.array());
        if (++appended % 256 == 0) out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
