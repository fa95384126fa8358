package dev.funnelflow.bench;

import java.nio.charset.StandardCharsets;

/**
 * A new account that buys the moment it signs up: the default rule {@code new_account.instant_purchase} (high)
 * alerts on the purchase, on its own and at once, so the time to that alert is the fraud path's latency.
 *
 * @param time event time of both events, the wall clock when sent (the bench's traffic is live)
 */
record InstantPurchase(String user, long time) {

    String purchaseEventId() {
        return user + "-purchase";
    }

    byte[] signup() {
        return json("{\"event_id\":\"%s-signup\",\"event_time\":%d,\"user_id\":\"%s\",\"type\":\"signup\"}",
                user, time, user);
    }

    byte[] purchase() {
        return json("{\"event_id\":\"%s\",\"event_time\":%d,\"user_id\":\"%s\",\"type\":\"purchase\",\"item_id\":\"%s\","
                + "\"price\":49.0,\"quantity\":1,\"order_id\":\"%s-order\"}", purchaseEventId(), time, user, "bench-item",
                user);
    }

    private static byte[] json(String format, Object... args) {
        return String.format(format, args).getBytes(StandardCharsets.UTF_8);
    }
}
