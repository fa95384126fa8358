package dev.funnelflow.generator;

/**
 * Stable attributes of each user (device, IP, browser, country, channel, payment card, client behaviour),
 * derived from {@code hash(seed, user)} so they are identical on every event of a user and cost no memory.
 */
final class UserTraits {

    /** Share of users whose client sends no session_id; the job derives their sessions from a 30-minute gap. */
    static final double OMITS_SESSION_ID_SHARE = 0.20;
    /** Share of users without an account yet: their first session starts with a signup. */
    static final double NEW_ACCOUNT_SHARE = 0.02;

    private static final long SALT = 0x7573657273L;
    private static final String[] COUNTRIES = {"US", "DE", "GB", "FR", "IN", "BR", "JP", "CA", "ES", "IT", "NL", "PL",
        "AU", "SE"};
    private static final int[] COUNTRY_PERCENT = {28, 12, 10, 8, 8, 6, 5, 5, 4, 4, 3, 3, 3, 1};
    private static final String[] WEB_AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0"};
    private static final String[] MOBILE_WEB_AGENTS = {
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 15; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"};
    private static final String[] APP_AGENTS = {"FunnelShop/5.3.1 (iOS 18.1)", "FunnelShop/5.3.0 (Android 15)"};

    private final long seed;

    UserTraits(long seed) {
        this.seed = seed;
    }

    /** The hash every trait of the user is derived from. */
    long hash(int user) {
        return Mix.hash(seed, SALT, user);
    }

    static boolean omitsSessionId(long userHash) {
        return Mix.unit(Mix.mix64(userHash ^ 1)) < OMITS_SESSION_ID_SHARE;
    }

    static boolean hasNewAccount(long userHash) {
        return Mix.unit(Mix.mix64(userHash ^ 2)) < NEW_ACCOUNT_SHARE;
    }

    /** web 55%, mobile_web 30%, app 15%. */
    static String channel(long userHash) {
        int percent = (int) ((userHash >>> 1) % 100);
        return percent < 55 ? "web" : percent < 85 ? "mobile_web" : "app";
    }

    /** The mobile app stamps ISO-8601 times, the web tracker epoch milliseconds: both forms the contract allows. */
    static boolean sendsIsoTime(long userHash) {
        return channel(userHash).equals("app");
    }

    static String userAgent(long userHash) {
        String[] agents = switch (channel(userHash)) {
            case "web" -> WEB_AGENTS;
            case "mobile_web" -> MOBILE_WEB_AGENTS;
            default -> APP_AGENTS;
        };
        return agents[(int) ((userHash >>> 20) % agents.length)];
    }

    static String country(long userHash) {
        int percent = (int) ((userHash >>> 30) % 100);
        for (int i = 0; i < COUNTRIES.length; i++) {
            percent -= COUNTRY_PERCENT[i];
            if (percent < 0) {
                return COUNTRIES[i];
            }
        }
        return COUNTRIES[0];
    }

    static long deviceId(long userHash) {
        return Mix.mix64(userHash ^ 3) >>> 16; // 48 bits: 12 hex digits
    }

    /** A public-looking IPv4 address as a 32-bit value (first octet 11..222, avoiding private ranges). */
    static int ipv4(long userHash) {
        long bits = Mix.mix64(userHash ^ 4);
        int firstOctet = 11 + (int) ((bits >>> 56) % 212);
        return (firstOctet << 24) | (int) (bits & 0xFFFFFF);
    }

    /** card 70%, paypal 20%, apple_pay 10%. */
    static String paymentMethod(long userHash) {
        int percent = (int) ((userHash >>> 40) % 100);
        return percent < 70 ? "card" : percent < 90 ? "paypal" : "apple_pay";
    }

    static long cardFingerprint(long userHash) {
        return Mix.mix64(userHash ^ 5);
    }
}
