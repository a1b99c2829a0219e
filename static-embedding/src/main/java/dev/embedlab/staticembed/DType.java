package dev.embedlab.staticembed;

import java.util.Optional;

/** The element types a safetensors header may name, with their width in bytes. */
public enum DType {
    BOOL(1), U8(1), I8(1), F8_E5M2(1), F8_E4M3(1),
    I16(2), U16(2), F16(2), BF16(2),
    I32(4), U32(4), F32(4),
    I64(8), U64(8), F64(8);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Width of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /** The dtype named {@code name} in a safetensors header, if it is one. */
    public static Optional<DType> fromHeaderName(String name) {
        for (DType type : values())
            if (type.name().equals(name)) return Optional.of(type);
        return Optional.empty();
    }
}
