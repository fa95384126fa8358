package dev.funnelflow.event;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Where the pseudonymisation secret lives: an environment variable or a file, never the secret itself, so that it
 * stays out of command lines, configuration, job graphs and logs. It is read where it is used (in the job's
 * tasks), and once at job start to fail early. Messages name the variable or file, never its content.
 *
 * @param envVariable name of the environment variable holding the secret, or null
 * @param file path of a file holding the secret (a trailing line break is ignored), or null
 */
public record PseudonymSecret(String envVariable, String file) implements Serializable {

    /** Shorter HMAC keys weaken it (RFC 2104 recommends at least the digest length, 32 bytes for SHA-256). */
    public static final int MIN_BYTES = 32;

    public PseudonymSecret {
        if (envVariable != null && file != null) {
            throw new IllegalArgumentException("set either the environment variable or the file of the"
                    + " pseudonymisation secret, not both");
        }
    }

    public static PseudonymSecret none() {
        return new PseudonymSecret(null, null);
    }

    public boolean enabled() {
        return envVariable != null || file != null;
    }

    /** Reads the secret from {@code environment} or the file; fails with a message naming where it looked. */
    public byte[] read(Map<String, String> environment) {
        byte[] secret;
        String where;
        if (envVariable != null) {
            where = "environment variable " + envVariable;
            String value = environment.get(envVariable);
            if (value == null || value.isEmpty()) {
                throw new IllegalStateException("pseudonymisation is on but " + where + " is not set or empty");
            }
            secret = value.getBytes(StandardCharsets.UTF_8);
        } else if (file != null) {
            where = "file " + file;
            try {
                secret = withoutTrailingLineBreak(Files.readAllBytes(Path.of(file)));
            } catch (IOException e) {
                throw new IllegalStateException("pseudonymisation is on but its secret " + where + " cannot be read ("
                        + e.getClass().getSimpleName() + ")");
            }
        } else {
            throw new IllegalStateException("pseudonymisation is off: no secret configured");
        }
        if (secret.length < MIN_BYTES) {
            throw new IllegalStateException("the pseudonymisation secret in " + where + " has " + secret.length
                    + " bytes; use at least " + MIN_BYTES + " random bytes (e.g. openssl rand -hex 32)");
        }
        return secret;
    }

    /** A pseudonymiser keyed with the secret, or null when pseudonymisation is off. */
    public Pseudonymiser pseudonymiser(Map<String, String> environment) {
        return enabled() ? new Pseudonymiser(read(environment)) : null;
    }

    private static byte[] withoutTrailingLineBreak(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
            end--;
        }
        return Arrays.copyOf(bytes, end);
    }
}
