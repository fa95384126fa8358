package dev.funnelflow.ranking;

import java.util.HashMap;
import java.util.Map;

/**
 * Lists a model set failed to rank (it threw, or gave NaN or infinity), counted per {@code model_version}, and
 * which failures deserve a log line: the first of each version, then the 10th, 100th, 1,000th… A model failing on
 * every batch then writes a handful of lines with running counts instead of one per record. Not thread-safe.
 */
public final class ScoringFailures {

    private final Map<String, Long> failures = new HashMap<>();

    /**
     * Counts one failed list of {@code modelVersion}.
     *
     * @return its failures so far if this one should be logged, 0 if not
     */
    public long record(String modelVersion) {
        long count = failures.merge(modelVersion, 1L, Long::sum);
        return isPowerOfTen(count) ? count : 0;
    }

    private static boolean isPowerOfTen(long n) {
        while (n % 10 == 0) {
            n /= 10;
        }
        return n == 1;
    }
}
