package dev.funnelflow.control;

import dev.funnelflow.secret.HmacKey;
import java.io.Serializable;
import java.nio.file.Path;
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

    private static final String NAME = "control";

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
        return HmacKey.read(NAME, envVariable, file, environment);
    }

    /** The key in {@code file}, as the job reads it (also for the {@code control} command line). */
    public static byte[] readFile(Path file) {
        return HmacKey.readFile(NAME, file);
    }
}
