package dev.funnelflow.generator;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventContext;
import dev.funnelflow.event.EventJson;
import dev.funnelflow.event.EventType;
import dev.funnelflow.event.Payment;

/**
 * Turns a session's {@link Step} into the {@link ClickEvent} it stands for (DESIGN.md §3). Ids are strings; numeric
 * ids are scrambled indexes so they look like a real shop's ids while staying unique. A user's context and card are
 * derived from their hash on every event: measured, that is cheaper than keeping them with the open session, whose
 * objects have left the CPU cache by the time its next event comes (the generator jumps between thousands of open
 * sessions), and so are the item and category ids.
 */
final class EventFactory {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final long SESSION_SALT = 0x73657373696f6eL;
    private static final long ORDER_SALT = 0x6f72646572L;
    private static final long EVENT_SALT = 0x6576656e74L;

    private final long seed;
    private final UserTraits traits;
    private final IdScrambler userIds;
    private final IdScrambler itemIds;
    private final IdScrambler categoryIds;
    /** Where hex ids are spelled before they become strings. */
    private final char[] scratch = new char[32];

    EventFactory(long seed, UserTraits traits, int users, int items, int categories) {
        this.seed = seed;
        this.traits = traits;
        this.userIds = new IdScrambler(users, seed, 1);
        this.itemIds = new IdScrambler(items, seed, 2);
        this.categoryIds = new IdScrambler(categories, seed, 3);
    }

    /** How the user's client writes event times: the app ISO-8601, the web tracker epoch milliseconds. */
    EventJson.TimeFormat timeFormat(int user) {
        return UserTraits.sendsIsoTime(traits.hash(user)) ? EventJson.TimeFormat.RFC_3339
                : EventJson.TimeFormat.EPOCH_MILLIS;
    }

    /** {@code eventNumber} makes the event_id: unique per generator because {@link Mix#hash} is a bijection in it. */
    ClickEvent event(Step step, long eventNumber, long eventTimeMs) {
        long userHash = traits.hash(step.user);
        boolean hasItem = step.item != Step.NONE;
        int quantity = step.quantity > 0 ? step.quantity : 1;
        return new ClickEvent(
                hex("", Mix.hash(seed, EVENT_SALT, eventNumber), 16),
                eventTimeMs,
                Long.toString(userIds.id(step.user)),
                step.session == Step.NONE ? null : hex("s-", Mix.hash(seed, SESSION_SALT, step.session), 16),
                step.type,
                hasItem ? Long.toString(itemIds.id(step.item)) : null,
                hasItem ? Long.toString(categoryIds.id(step.category)) : null,
                hasItem ? step.priceCents / 100.0 : null,
                quantity,
                step.order == Step.NONE ? null : hex("o-", Mix.hash(seed, ORDER_SALT, step.order), 16),
                step.query,
                step.recommendation == Step.NONE ? null : hex("r-", step.recommendation, 16),
                context(userHash),
                step.type == EventType.PURCHASE ? payment(userHash, step.priceCents * quantity) : null,
                null);
    }

    /** The user's device, network and client: the same on all of their events. */
    private EventContext context(long userHash) {
        return new EventContext(
                hex("d-", UserTraits.deviceId(userHash), 12),
                ipv4(UserTraits.ipv4(userHash)),
                UserTraits.userAgent(userHash),
                UserTraits.country(userHash),
                UserTraits.channel(userHash));
    }

    private Payment payment(long userHash, long amountCents) {
        String method = UserTraits.paymentMethod(userHash);
        String card = method.equals("card") ? hex("fp-", UserTraits.cardFingerprint(userHash), 16) : null;
        return new Payment(method, card, amountCents / 100.0, "USD");
    }

    /** Dotted-quad text of an IPv4 address. */
    private String ipv4(int ip) {
        int end = 0;
        for (int shift = 24; shift >= 0; shift -= 8) {
            int octet = (ip >>> shift) & 0xFF;
            if (octet >= 100) {
                scratch[end++] = (char) ('0' + octet / 100);
            }
            if (octet >= 10) {
                scratch[end++] = (char) ('0' + octet / 10 % 10);
            }
            scratch[end++] = (char) ('0' + octet % 10);
            scratch[end++] = '.';
        }
        return new String(scratch, 0, end - 1);
    }

    /** {@code prefix} and the low {@code digits * 4} bits of {@code value} as zero-padded lower-case hex. */
    private String hex(String prefix, long value, int digits) {
        int start = prefix.length();
        int end = start + digits;
        prefix.getChars(0, start, scratch, 0);
        for (int i = end - 1, shift = 0; i >= start; i--, shift += 4) {
            scratch[i] = HEX[(int) ((value >>> shift) & 0xF)];
        }
        return new String(scratch, 0, end);
    }
}
