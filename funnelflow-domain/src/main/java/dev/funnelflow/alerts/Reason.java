package dev.funnelflow.alerts;

import java.util.regex.Pattern;

/**
 * Why an alert fired: one entry of an alert's {@code reasons}.
 *
 * @param code machine-readable snake_case code, e.g. {@code velocity_purchases_1h}
 * @param detail one human-readable sentence
 * @param value the observed measure, or null if not numeric
 * @param threshold what it was compared with, or null if nothing
 */
public record Reason(String code, String detail, Double value, Double threshold) {

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]*");

    public Reason {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("reason code must be snake_case ([a-z][a-z0-9_]*), got " + code);
        }
        if (detail == null) {
            throw new IllegalArgumentException("reason detail is required");
        }
    }

    /** {@code text} made into a reason code: lower case, every run of other characters becomes one '_'. */
    public static String codeOf(String text) {
        String code = text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return code.isEmpty() || !Character.isLetter(code.charAt(0)) ? "r_" + code : code;
    }
}
