package dev.funnelflow.ranking;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The A/B arm a user is served from. The split hashes the user id (FNV-1a, stable across restarts, rescaling and
 * languages), so a user stays in one arm and arms are comparable populations.
 */
public enum Variant {
    CHAMPION,
    CHALLENGER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code challengerShare} of users, 0..1, are served by the challenger. */
    public static Variant of(String userId, double challengerShare) {
        if (challengerShare <= 0) {
            return CHAMPION;
        }
        return bucket(userId) < challengerShare * 10_000 ? CHALLENGER : CHAMPION;
    }

    /** 0..9999, uniform over users. */
    static int bucket(String userId) {
        int hash = 0x811c9dc5;
        for (byte b : userId.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        return Math.floorMod(hash, 10_000);
    }
}
