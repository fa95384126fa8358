package dev.funnelflow.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a file as raw byte lines split on {@code '\n'} only, as Python's binary line iteration does: an empty
 * line is a line, a last line without newline is a line, and bytes are handed to the JSON parser undecoded
 * (so invalid UTF-8 fails to parse, as in Python). Not the job's {@code JsonLinesFormat}, which skips empty
 * lines that Python counts as unparseable.
 */
final class ByteLines {
    private static final int READ_SIZE = 1 << 16;

    @FunctionalInterface
    interface LineHandler {
        /** One line without its {@code '\n'}; the array is reused after the call returns. */
        void line(byte[] bytes, int offset, int length) throws IOException;
    }

    private ByteLines() {
    }

    static void forEach(Path path, LineHandler handler) throws IOException {
        byte[] buffer = new byte[READ_SIZE];
        int filled = 0;
        try (InputStream in = Files.newInputStream(path)) {
            int read;
            while ((read = in.read(buffer, filled, buffer.length - filled)) > 0) {
                int end = filled + read;
                int lineStart = 0;
                for (int i = filled; i < end; i++) {
                    if (buffer[i] == '\n') {
                        handler.line(buffer, lineStart, i - lineStart);
                        lineStart = i + 1;
                    }
                }
                // Keep the unfinished line at the front; grow when one line fills the buffer.
                filled = end - lineStart;
                System.arraycopy(buffer, lineStart, buffer, 0, filled);
                if (filled == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
            }
        }
        if (filled > 0) {
            handler.line(buffer, 0, filled);
        }
    }
}
