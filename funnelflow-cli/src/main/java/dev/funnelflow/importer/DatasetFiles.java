package dev.funnelflow.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens dataset files as UTF-8 text; the public datasets are often distributed gzipped. */
final class DatasetFiles {
    private static final int BUFFER_BYTES = 1 << 16;

    private DatasetFiles() {
    }

    static BufferedReader open(Path input) throws IOException {
        InputStream in = Files.newInputStream(input);
        if (input.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, BUFFER_BYTES);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), BUFFER_BYTES);
    }
}
