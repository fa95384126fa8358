package dev.funnelflow.alerts.fraud;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventContext;
import dev.funnelflow.event.EventType;
import dev.funnelflow.event.Payment;
import dev.funnelflow.event.RecordOrigin;

/** Terse clickstream events for risk tests: user "u", device "d1", country "DE" unless said otherwise. */
final class Events {

    static final long T0 = 1_793_577_600_000L; // 2026-11-02T00:00:00Z
    private static final RecordOrigin ORIGIN = new RecordOrigin("clickstream", 0, 0);
    private static int ids;

    private Events() {}

    static ClickEvent view(long time) {
        return event(EventType.VIEW, time, "d1", "DE", null);
    }

    static ClickEvent signup(long time) {
        return event(EventType.SIGNUP, time, "d1", "DE", null);
    }

    static ClickEvent purchase(long time, double amount, String card) {
        return event(EventType.PURCHASE, time, "d1", "DE", new Payment("card", card, amount, "USD"));
    }

    static ClickEvent from(EventType type, long time, String device, String country) {
        return event(type, time, device, country, null);
    }

    private static ClickEvent event(EventType type, long time, String device, String country, Payment payment) {
        String item = type.needsItem() ? "i1" : null;
        return new ClickEvent("e" + (++ids), time, "u", "s", type, item, null, 10.0, 1, null, null, null,
                new EventContext(device, "10.0.0.1", "test-agent", country, "web"), payment, ORIGIN);
    }
}
