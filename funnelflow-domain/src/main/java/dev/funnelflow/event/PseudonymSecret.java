package dev.funnelflow.event;

import dev.funnelflow.secret.HmacKey;
import java.io.Serializable;
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
        return HmacKey.read("pseudonymisation", envVariable, file, environment);
    }

    /** A pseudonymiser keyed with the secret, or null when pseudonymisation is off. */
    public Pseudonymiser pseudonymiser(Map<String, String> environment) {
        return enabled() ? new Pseudonymiser(read(environment)) : null;
    }
}
