package dev.funnelflow.control;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Where the key that signs {@code control} commands lives: an environment variable or a file, never the key itself,
 * so that it stays out of command lines, configuration, job graphs and logs (as {@code PseudonymSecret}). Without
 * one the control plane is closed: every command is refused. Messages name the variable or file, never the content.
 *
 * @param envVariable name of the environment variable holding the key, or null
 * @param file path of a file holding the key (trailing line breaks ignored), or null
 */
public record ControlSecret(String envVariable, String file) implements Serializable {

    /** RFC 2104 recommends at least the digest length: 32 bytes for HMAC-SHA256. */
    public static final int MIN_BYTES = 32;

    public ControlSecret {
        if (envVariable != null && file != null) {
            throw new IllegalArgumentException("set either the environment variable or the file of the control"
                    + " secret, not both");
        }
    }

    public static ControlSecret none() {
        return new ControlSecret(null, null);
    }

    public boolean configured() {
        return envVariable != null || file != null;
    }

    /** The key; fails with a message naming where it looked. */
    public byte[] read(Map<String, String> environment) {
        if (envVariable != null) {
            String value = environment.get(envVariable);
            if (value == null || value.isEmpty()) {
                throw new IllegalStateException("the control secret's environment variable " + envVariable
                        + " is not set or empty");
            }
            return checked(value.getBytes(StandardCharsets.UTF_8), "environment variable " + envVariable);
        }
        if (file != null) {
            return readFile(Path.of(file));
        }
        throw new IllegalStateException("no control secret configured");
    }

    /** The key in {@code file}, as the job reads it (also for the {@code control} command line). */
    public static byte[] readFile(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException("the control secret file " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
            end--;
        }
        return checked(Arrays.copyOf(bytes, end), "file " + file);
    }

    private static byte[] checked(byte[] secret, String where) {
        if (secret.length < MIN_BYTES) {
            throw new IllegalStateException("the control secret in " + where + " has " + secret.length
                    + " bytes; use at least " + MIN_BYTES + " random bytes (e.g. openssl rand -hex 32)");
        }
        return secret;
    }
}
