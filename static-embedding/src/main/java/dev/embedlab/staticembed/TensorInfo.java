package dev.embedlab.staticembed;

import java.util.Arrays;

/**
 * One tensor entry of a safetensors header, already validated: {@code end - begin} equals
 * the element count times the dtype width, and both offsets lie inside the file's data section.
 *
 * @param begin offset of the first byte, relative to the start of the data section
 * @param end   offset one past the last byte, relative to the start of the data section
 */
public record TensorInfo(String name, DType dtype, long[] shape, long begin, long end) {

    public TensorInfo {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Size of dimension {@code i}. */
    public long dimension(int i) {
        return shape[i];
    }

    public long elementCount() {
        long count = 1;
        for (long size : shape) count *= size; // cannot overflow: checked when the header was read
        return count;
    }

    public long byteLength() {
        return end - begin;
    }

    public String shapeString() {
        return Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo other && name.equals(other.name) && dtype == other.dtype
               && Arrays.equals(shape, other.shape) && begin == other.begin && end == other.end;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + " " + shapeString() + " [" + begin + ", " + end + ")";
    }
}
