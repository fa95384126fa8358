package dev.funnelflow.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Replays an events file (e.g. from {@code import}) line by line, keyed by each line's user id. */
final class FileTraffic implements TrafficSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final InputStream in;

    FileTraffic(Path file) throws IOException {
        this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    }

    @Override
    public Record next() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        if (b < 0 && line.size() == 0) {
            return null;
        }
        byte[] value = line.toByteArray();
        return new Record(userKey(value), value);
    }

    /** Broken lines still go to Kafka (the job dead-letters them), just without a key. */
    private static byte[] userKey(byte[] value) {
        try {
            JsonNode user = JSON.readTree(value).get("user_id");
            return user == null || !user.isValueNode() ? null : user.asText().getBytes(StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
