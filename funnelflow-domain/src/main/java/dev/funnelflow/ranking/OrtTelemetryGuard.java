package dev.funnelflow.ranking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * ONNX Runtime 1.29 dies with SIGSEGV (no Java exception, no crash report) while creating its environment when
 * the process command line is longer than about 3.9 KB (its telemetry runs a regex over it), unless
 * {@code ORT_DISABLE_TELEMETRY=1} is set. A long {@code java -cp} classpath is enough. This guard turns that
 * crash into an exception that says what to do. It reads {@code /proc/self/cmdline}, so it guards Linux only.
 */
final class OrtTelemetryGuard {

    static final String ENV = "ORT_DISABLE_TELEMETRY";
    /** Below the ~3.9 KB at which the crash was seen, with margin. */
    static final long SAFE_COMMAND_LINE_BYTES = 3 * 1024;

    private OrtTelemetryGuard() {}

    static void check() {
        String problem = problem(System.getenv(ENV), commandLineBytes());
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    /** Why ONNX Runtime must not start here, or null when it is safe. */
    static String problem(String envValue, long commandLineBytes) {
        if ("1".equals(envValue) || commandLineBytes <= SAFE_COMMAND_LINE_BYTES) {
            return null;
        }
        return "ONNX Runtime 1.29 crashes the JVM when the command line is longer than ~4 KB (this one has "
                + commandLineBytes + " bytes): set the environment variable " + ENV + "=1, or start Java with a"
                + " shorter command line (java -jar, or an @argfile for the classpath)";
    }

    private static long commandLineBytes() {
        try {
            return Files.readAllBytes(Path.of("/proc/self/cmdline")).length;
        } catch (IOException | UnsupportedOperationException e) {
            return 0; // not Linux: the crash was only seen there
        }
    }
}
