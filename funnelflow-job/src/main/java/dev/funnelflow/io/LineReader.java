package dev.funnelflow.io;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a file as raw byte lines, as Kafka would deliver its records: no charset decoding (bad bytes reach the
 * parser untouched), {@code \n} or {@code \r\n} endings, and each line's byte offset known. Blank lines are
 * records too (empty ones, which the parser dead-letters with their offset), so a file's lines and its dead
 * letters always add up; only the empty remainder after a final line ending is no line.
 */
final class LineReader implements AutoCloseable {

    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    private long offset;
    private long lineStart;

    LineReader(InputStream in) {
        this.in = new BufferedInputStream(in, 1 << 16);
    }

    /** The next line without its ending, possibly empty; null at the end of the file. */
    byte[] next() throws IOException {
        lineStart = offset;
        line.reset();
        int b;
        while ((b = in.read()) >= 0) {
            offset++;
            if (b == '\n') {
                break;
            }
            line.write(b);
        }
        if (b < 0 && line.size() == 0) {
            return null;
        }
        byte[] bytes = line.toByteArray();
        return bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? Arrays.copyOf(bytes, bytes.length - 1) : bytes;
    }

    /** Byte offset of the line {@link #next()} returned last. */
    long lineStart() {
        return lineStart;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
