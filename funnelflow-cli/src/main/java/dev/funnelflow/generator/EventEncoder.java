package dev.funnelflow.generator;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.funnelflow.event.EventType;
import java.time.Instant;
import java.util.Arrays;

/**
 * Serializes an {@link Event} as one compact clickstream JSON object (DESIGN.md §3). Ids are strings; numeric
 * ids are scrambled indexes so they look like a real shop's ids while staying unique.
 */
final class EventEncoder {

    /** Wire names pre-encoded once: the type is written on every record. */
    private static final byte[][] QUOTED_TYPES = Arrays.stream(EventType.values())
            .map(type -> ('"' + type.wireName() + '"').getBytes(US_ASCII))
            .toArray(byte[][]::new);

    private static final byte[] EVENT_ID = ascii("{\"event_id\":\"");
    private static final byte[] EVENT_TIME = ascii("\",\"event_time\":");
    private static final byte[] USER_ID = ascii(",\"user_id\":");
    private static final byte[] SESSION_ID = ascii(",\"session_id\":\"s-");
    private static final byte[] TYPE = ascii(",\"type\":");
    private static final byte[] ITEM_ID = ascii(",\"item_id\":\"");
    private static final byte[] CATEGORY_ID = ascii("\",\"category_id\":\"");
    private static final byte[] PRICE = ascii("\",\"price\":");
    private static final byte[] QUANTITY = ascii(",\"quantity\":");
    private static final byte[] ORDER_ID = ascii(",\"order_id\":\"o-");
    private static final byte[] QUERY = ascii(",\"query\":");
    private static final byte[] REC_ID = ascii(",\"rec_id\":\"r-");
    private static final byte[] PAYMENT_METHOD = ascii(",\"payment\":{\"method\":");
    private static final byte[] CARD_FINGERPRINT = ascii(",\"card_fingerprint\":\"fp-");
    private static final byte[] AMOUNT = ascii(",\"amount\":");
    private static final byte[] CURRENCY_USD = ascii(",\"currency\":\"USD\"}");
    private static final byte[] DEVICE_ID = ascii(",\"context\":{\"device_id\":\"d-");
    private static final byte[] IP = ascii("\",\"ip\":\"");
    private static final byte[] USER_AGENT = ascii("\",\"user_agent\":");
    private static final byte[] COUNTRY = ascii(",\"country\":");
    private static final byte[] CHANNEL = ascii(",\"channel\":");
    private static final long SESSION_SALT = 0x73657373696f6eL;
    private static final long ORDER_SALT = 0x6f72646572L;
    private static final long EVENT_SALT = 0x6576656e74L;

    private final long seed;
    private final UserTraits traits;
    private final IdScrambler userIds;
    private final IdScrambler itemIds;
    private final IdScrambler categoryIds;
    private final JsonBuffer json = new JsonBuffer();

    EventEncoder(long seed, UserTraits traits, int users, int items, int categories) {
        this.seed = seed;
        this.traits = traits;
        this.userIds = new IdScrambler(users, seed, 1);
        this.itemIds = new IdScrambler(items, seed, 2);
        this.categoryIds = new IdScrambler(categories, seed, 3);
    }

    /** The user_id (and record key) of a user index. */
    String userId(int user) {
        return Long.toString(userIds.id(user));
    }

    /** {@code eventNumber} makes the event_id: unique per generator because {@link Mix#hash} is a bijection in it. */
    byte[] encode(Event event, long eventNumber, long eventTimeMs) {
        long userHash = traits.hash(event.user);
        json.reset();
        json.raw(EVENT_ID).hex(Mix.hash(seed, EVENT_SALT, eventNumber), 16).raw(EVENT_TIME);
        if (UserTraits.sendsIsoTime(userHash)) {
            json.string(Instant.ofEpochMilli(eventTimeMs).toString());
        } else {
            json.number(eventTimeMs);
        }
        json.raw(USER_ID).raw('"').number(userIds.id(event.user)).raw('"');
        if (event.session != Event.NONE) {
            json.raw(SESSION_ID).hex(Mix.hash(seed, SESSION_SALT, event.session), 16).raw('"');
        }
        json.raw(TYPE).raw(QUOTED_TYPES[event.type.ordinal()]);
        if (event.item != Event.NONE) {
            json.raw(ITEM_ID).number(itemIds.id(event.item))
                    .raw(CATEGORY_ID).number(categoryIds.id(event.category))
                    .raw(PRICE).cents(event.priceCents);
        }
        if (event.quantity > 0) {
            json.raw(QUANTITY).number(event.quantity);
        }
        if (event.order != Event.NONE) {
            json.raw(ORDER_ID).hex(Mix.hash(seed, ORDER_SALT, event.order), 16).raw('"');
        }
        if (event.query != null) {
            json.raw(QUERY).string(event.query);
        }
        if (event.recommendation != Event.NONE) {
            json.raw(REC_ID).hex(event.recommendation, 16).raw('"');
        }
        if (event.type == EventType.PURCHASE) {
            writePayment(event, userHash);
        }
        writeContext(userHash);
        json.raw('}');
        return json.toByteArray();
    }

    private void writePayment(Event event, long userHash) {
        String method = UserTraits.paymentMethod(userHash);
        json.raw(PAYMENT_METHOD).string(method);
        if (method.equals("card")) {
            json.raw(CARD_FINGERPRINT).hex(UserTraits.cardFingerprint(userHash), 16).raw('"');
        }
        json.raw(AMOUNT).cents(event.priceCents * event.quantity).raw(CURRENCY_USD);
    }

    private void writeContext(long userHash) {
        int ip = UserTraits.ipv4(userHash);
        json.raw(DEVICE_ID).hex(UserTraits.deviceId(userHash), 12)
                .raw(IP).number(ip >>> 24).raw('.').number((ip >>> 16) & 0xFF).raw('.')
                .number((ip >>> 8) & 0xFF).raw('.').number(ip & 0xFF)
                .raw(USER_AGENT).string(UserTraits.userAgent(userHash))
                .raw(COUNTRY).string(UserTraits.country(userHash))
                .raw(CHANNEL).string(UserTraits.channel(userHash))
                .raw('}');
    }

    private static byte[] ascii(String text) {
        return text.getBytes(US_ASCII);
    }
}
