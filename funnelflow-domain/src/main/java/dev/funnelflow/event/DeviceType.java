package dev.funnelflow.event;

/** The kind of device an event came from, told by its user agent: shoppers browse and buy differently on each. */
public enum DeviceType {
    MOBILE,
    TABLET,
    DESKTOP,
    UNKNOWN;

    /**
     * A coarse reading of the common user-agent conventions (browsers put "Mobi" on phones; apps name their OS).
     * Android without "Mobi" is usually a tablet browser, but apps rarely say: they count as mobile.
     */
    public static DeviceType ofUserAgent(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return UNKNOWN;
        }
        if (userAgent.contains("iPad") || userAgent.contains("Tablet")) {
            return TABLET;
        }
        if (userAgent.contains("Mobi") || userAgent.contains("iPhone") || userAgent.contains("Android")
                || userAgent.contains("iOS")) {
            return MOBILE;
        }
        if (userAgent.contains("Windows") || userAgent.contains("Macintosh") || userAgent.contains("X11")
                || userAgent.contains("CrOS")) {
            return DESKTOP;
        }
        return UNKNOWN;
    }
}
