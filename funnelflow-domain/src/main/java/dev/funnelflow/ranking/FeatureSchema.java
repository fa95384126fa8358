package dev.funnelflow.ranking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The ordered feature names of a model input with a version and a stable hash. The hash is written on every
 * {@code training-examples} record and every model card; serving refuses a model whose hash differs from the
 * build's, so a model never sees vectors laid out differently from those it was trained on.
 *
 * @param version bumped whenever a feature's computation changes without its name changing
 */
public record FeatureSchema(int version, List<String> names) {

    /** Version of {@link Feature}'s computations. */
    public static final int VERSION = 2;

    /** The schema this build computes. */
    public static final FeatureSchema CURRENT =
            new FeatureSchema(VERSION, Arrays.stream(Feature.values()).map(Feature::featureName).toList());

    public FeatureSchema {
        names = List.copyOf(names);
    }

    public int size() {
        return names.size();
    }

    /** Lower-case hex SHA-256 of {@code funnelflow-features/v<version>} and the names, one per line. */
    public String hash() {
        String text = "funnelflow-features/v" + version + "\n" + String.join("\n", names);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
