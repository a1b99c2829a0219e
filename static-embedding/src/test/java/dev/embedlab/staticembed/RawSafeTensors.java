package dev.embedlab.staticembed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes safetensors files byte by byte, so tests can make them wrong in exactly one way. */
final class RawSafeTensors {

    private RawSafeTensors() {
    }

    /** A file with the given header length field, header text and {@code dataBytes} zero bytes of data. */
    static Path write(Path file, long headerLengthField, String header, int dataBytes) throws IOException {
        byte[] headerBytes = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(8 + headerBytes.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(headerLengthField).put(headerBytes);
        Files.write(file, buffer.array());
        return file;
    }

    /** A well-formed file: the header length field matches the header. */
    static Path write(Path file, String header, int dataBytes) throws IOException {
        return write(file, header.getBytes(StandardCharsets.UTF_8).length, header, dataBytes);
    }
}
