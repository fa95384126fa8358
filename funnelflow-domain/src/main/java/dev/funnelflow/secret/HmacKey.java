package dev.funnelflow.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads an HMAC key from where an operator keeps it: an environment variable or a file, never the configuration, so
 * that it stays out of command lines, job graphs and logs. Messages name the variable or file, never its content.
 */
public final class HmacKey {

    /** RFC 2104 recommends at least the digest length: 32 bytes for HMAC-SHA256. */
    public static final int MIN_BYTES = 32;

    private HmacKey() {}

    /**
     * @param name what the key is for, as messages name it (e.g. "pseudonymisation", "control")
     * @param envVariable the environment variable holding the key, or null to read {@code file}
     * @param file a file holding the key (trailing line breaks ignored)
     */
    public static byte[] read(String name, String envVariable, String file, Map<String, String> environment) {
        if (envVariable != null) {
            String value = environment.get(envVariable);
            if (value == null || value.isEmpty()) {
                throw new IllegalStateException("the " + name + " secret's environment variable " + envVariable
                        + " is not set or empty");
            }
            return checked(name, value.getBytes(StandardCharsets.UTF_8), "environment variable " + envVariable);
        }
        if (file != null) {
            return readFile(name, Path.of(file));
        }
        throw new IllegalStateException("no " + name + " secret configured");
    }

    public static byte[] readFile(String name, Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException("the " + name + " secret file " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
            end--;
        }
        return checked(name, Arrays.copyOf(bytes, end), "file " + file);
    }

    private static byte[] checked(String name, byte[] key, String where) {
        if (key.length < MIN_BYTES) {
            throw new IllegalStateException("the " + name + " secret in " + where + " has " + key.length
                    + " bytes; use at least " + MIN_BYTES + " random bytes (e.g. openssl rand -hex 32)");
        }
        return key;
    }
}
