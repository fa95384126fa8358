package dev.funnelflow.generator;

import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * Which users may start a session now. A user is busy while in a session and rests at least 30 minutes
 * (plus a margin for out-of-order lag) after it, so that the job's 30-minute-gap sessionization of users
 * without session_id reproduces the generator's sessions. Also remembers who has signed up.
 */
final class UserPool {

    static final long SESSION_GAP_MS = 30 * 60 * 1000L;
    private static final long REST_MARGIN_MS = 10_000L;
    private static final int BUSY = Integer.MAX_VALUE;
    private static final int DRAWS = 16;

    private final long startEpochMs;
    /** Second (relative to the start) from which each user may start a session; BUSY while in one. */
    private final int[] freeFromSecond;
    private final BitSet signedUp;

    UserPool(int users, long startEpochMs) {
        this.startEpochMs = startEpochMs;
        this.freeFromSecond = new int[users];
        this.signedUp = new BitSet(users);
    }

    /**
     * A random user who is not in a session, preferring one who has rested. If none of several draws has
     * rested (too few users for the rate), a non-resting one is taken rather than stalling. Callers keep at
     * most half of the users busy, so a free user is found quickly.
     */
    int checkOut(SplittableRandom random, long nowMs) {
        long nowSecond = (nowMs - startEpochMs) / 1000;
        while (true) {
            int notRested = -1;
            for (int draw = 0; draw < DRAWS; draw++) {
                int user = random.nextInt(freeFromSecond.length);
                int freeFrom = freeFromSecond[user];
                if (freeFrom == BUSY) {
                    continue;
                }
                if (freeFrom <= nowSecond) {
                    freeFromSecond[user] = BUSY;
                    return user;
                }
                if (notRested < 0) {
                    notRested = user;
                }
            }
            if (notRested >= 0) {
                freeFromSecond[notRested] = BUSY;
                return notRested;
            }
        }
    }

    /** The user's session ended with an event at {@code lastEventMs}. */
    void checkIn(int user, long lastEventMs) {
        long restedMs = lastEventMs - startEpochMs + SESSION_GAP_MS + REST_MARGIN_MS;
        freeFromSecond[user] = (int) Math.min(BUSY - 1, restedMs / 1000 + 1);
    }

    boolean hasSignedUp(int user) {
        return signedUp.get(user);
    }

    void markSignedUp(int user) {
        signedUp.set(user);
    }
}
