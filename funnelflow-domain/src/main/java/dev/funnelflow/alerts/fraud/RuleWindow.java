package dev.funnelflow.alerts.fraud;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Windows as rules write them, in the style of Flink durations: {@code 500ms}, {@code 30s}, {@code 10m} or
 * {@code 10min}, {@code 1h}, {@code 7d}. Plain Java, so rules parse without Flink on the classpath.
 */
final class RuleWindow {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|min|h|d)");

    private RuleWindow() {}

    /** Milliseconds of {@code text}, or -1 when it is not a duration. */
    static long parseMillis(String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return -1;
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            case "m", "min" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount * 86_400_000;
        };
    }
}
