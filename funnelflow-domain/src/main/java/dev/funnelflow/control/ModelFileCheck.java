package dev.funnelflow.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Where a promoted model may come from: a file inside one of the configured models directories, once every symlink
 * and {@code ..} is resolved (so neither a {@code ../} path nor a link out of the directory gets through), whose
 * SHA-256 is the one the signed command names. A signed command thus pins the exact bytes served, not just a name.
 */
public final class ModelFileCheck implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Why a promotion is refused. */
    public enum Problem { OUTSIDE_MODELS_DIRS, HASH_MISMATCH }

    public record Refusal(Problem problem, String detail) {}

    private final List<String> modelsDirs;

    /** @param modelsDirs the models directories (null entries, for an arm without one, are skipped) */
    public ModelFileCheck(List<String> modelsDirs) {
        this.modelsDirs = modelsDirs.stream().filter(Objects::nonNull).toList();
    }

    /** Why {@code promotion} must not be served, or null when its file is in place with its hash. */
    public Refusal refusal(ModelPromotion promotion) {
        Path file;
        try {
            file = Path.of(promotion.path()).toRealPath();
        } catch (IOException | RuntimeException e) {
            return new Refusal(Problem.OUTSIDE_MODELS_DIRS, "model file " + promotion.path() + " cannot be resolved ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (!insideModelsDirs(file)) {
            return new Refusal(Problem.OUTSIDE_MODELS_DIRS, "model file " + promotion.path() + " (" + file
                    + ") is outside the models directories " + modelsDirs);
        }
        String actual;
        try {
            actual = sha256(file);
        } catch (IOException e) {
            return new Refusal(Problem.OUTSIDE_MODELS_DIRS, "model file " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (!actual.equals(promotion.modelSha256())) {
            return new Refusal(Problem.HASH_MISMATCH, "model file " + file + " has SHA-256 " + actual + ", not "
                    + promotion.modelSha256());
        }
        return null;
    }

    private boolean insideModelsDirs(Path file) {
        for (String dir : modelsDirs) {
            try {
                if (file.startsWith(Path.of(dir).toRealPath()) && Files.isRegularFile(file)) {
                    return true;
                }
            } catch (IOException e) {
                // a models directory that does not exist (yet) holds nothing
            }
        }
        return false;
    }

    /** Lower-case hex SHA-256 of {@code file}'s bytes, as {@code sha256sum} prints it. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Lower-case hex SHA-256 of {@code text} in UTF-8. */
    static String sha256(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
