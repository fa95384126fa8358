package dev.funnelflow.io;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a file as raw byte lines, as Kafka would deliver its records: no charset decoding (bad bytes reach the
 * parser untouched), {@code \n} or {@code \r\n} endings, blank lines skipped, and each line's byte offset known.
 */
final class LineReader implements AutoCloseable {

    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    private long offset;
    private long lineStart;

    LineReader(InputStream in) {
        this.in = new BufferedInputStream(in, 1 << 16);
    }

    /** The next non-blank line, or null at the end of the file. */
    byte[] next() throws IOException {
        while (true) {
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
            int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            if (length > 0) {
                return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
            }
        }
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
