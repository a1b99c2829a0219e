package dev.embedlab.staticembed.tokenizer;

import java.util.Arrays;

/**
 * A growable, reusable list of token ids. Tokenizers append to it so the hot path allocates nothing once
 * the buffer has grown to the longest text seen; callers {@link #clear()} it between texts.
 */
public final class TokenIds {

    private int[] ids;
    private int size;

    public TokenIds() {
        this(64);
    }

    public TokenIds(int initialCapacity) {
        ids = new int[Math.max(1, initialCapacity)];
    }

    public void clear() {
        size = 0;
    }

    public void add(int id) {
        if (size == ids.length) ids = Arrays.copyOf(ids, ids.length * 2);
        ids[size++] = id;
    }

    /** Appends every id of {@code more}. */
    void addAll(int[] more) {
        for (int id : more) add(id);
    }

    public int size() {
        return size;
    }

    public int get(int index) {
        if (index >= size) throw new IndexOutOfBoundsException("index " + index + " >= size " + size);
        return ids[index];
    }

    /** The backing array; only the first {@link #size()} entries are valid. */
    public int[] array() {
        return ids;
    }

    /** Drops everything after the first {@code newSize} ids. */
    public void truncate(int newSize) {
        if (newSize < size) size = Math.max(0, newSize);
    }

    public int[] toArray() {
        return Arrays.copyOf(ids, size);
    }

    @Override
    public String toString() {
        return Arrays.toString(toArray());
    }
}
