package dev.funnelflow.generator;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Turns a good encoded event into a defective record of a given {@link DefectKind}. Kinds are handed out in
 * a fixed cycle so that even a short run contains every kind; {@link DefectKind#OVERSIZE} comes once per ten
 * rounds only, because each one weighs more than a megabyte. Defects are rare, so field-level ones may
 * afford a Jackson tree.
 */
final class DefectInjector {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DefectKind[] CYCLE = defectCycle();
    private static final String[] UNKNOWN_TYPES = {"wishlist", "hover", "share", "VIEW"};
    private static final byte[][] INVALID_UTF8 = {
        {(byte) 0xC3, (byte) 0x28}, {(byte) 0xFF, (byte) 0xFE}, {(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}};
    private static final int OVERSIZE_PADDING = DefectKind.MAX_RECORD_BYTES + 4096;

    private long handedOut;

    /** The kind of the next defective record. */
    DefectKind nextKind() {
        return CYCLE[(int) (handedOut++ % CYCLE.length)];
    }

    /** A record of the given kind made from a good event; the key is the event's user id, if it keeps one. */
    GeneratedRecord inject(DefectKind kind, String key, byte[] good, SplittableRandom random) {
        byte[] value = switch (kind) {
            case MALFORMED_JSON -> malformed(good, random);
            case TRUNCATED_JSON -> truncated(good, random);
            case MISSING_USER_ID -> edit(good, event -> event.remove("user_id"));
            case PRICE_NOT_A_NUMBER -> edit(good, event -> event.put("price", "abc"));
            case QUANTITY_ZERO -> edit(good, event -> event.put("quantity", 0));
            case UNKNOWN_TYPE -> edit(good, event -> event.put("type", UNKNOWN_TYPES[random.nextInt(UNKNOWN_TYPES.length)]));
            case NEGATIVE_PRICE -> edit(good, event -> event.put("price", -Math.abs(event.path("price").asDouble(9.99))));
            case ABSURD_TIMESTAMP -> edit(good, event -> absurdTime(event, random));
            case NON_UTF8 -> nonUtf8(good, random);
            case OVERSIZE -> oversize(good);
            case VIEW_WITHOUT_ITEM -> edit(good, event -> {
                event.put("type", "view");
                event.remove("item_id");
            });
            case JSON_ARRAY -> concat(new byte[] {'['}, good, new byte[] {']'});
            case DUPLICATE -> throw new IllegalArgumentException("duplicates are re-sent, not injected");
        };
        return new GeneratedRecord(kind == DefectKind.MISSING_USER_ID ? null : key, value, kind.code());
    }

    /** A dropped colon, a trailing comma or a single-quoted value: three common hand-rolled JSON bugs. */
    private static byte[] malformed(byte[] good, SplittableRandom random) {
        String text = new String(good, ISO_8859_1); // one char per byte: UTF-8 sequences pass through intact
        String broken = switch (random.nextInt(3)) {
            case 0 -> text.replaceFirst(":", " ");
            case 1 -> text.substring(0, text.length() - 1) + ",}";
            default -> text.replaceFirst("\"event_id\":\"([0-9a-f]+)\"", "\"event_id\":'$1'");
        };
        return broken.getBytes(ISO_8859_1);
    }

    /** Cut somewhere in the second half, never inside a multi-byte character (that would be NON_UTF8). */
    private static byte[] truncated(byte[] good, SplittableRandom random) {
        int cut = good.length / 2 + random.nextInt(good.length / 2 - 1);
        while ((good[cut] & 0xC0) == 0x80) {
            cut--;
        }
        return Arrays.copyOf(good, cut);
    }

    private static void absurdTime(ObjectNode event, SplittableRandom random) {
        JsonNode time = event.path("event_time");
        long epochMs = time.isNumber() ? time.asLong() : Instant.parse(time.asText()).toEpochMilli();
        switch (random.nextInt(3)) {
            case 0 -> event.put("event_time", epochMs / 1000); // seconds sent as milliseconds: January 1970
            case 1 -> event.put("event_time", "2100-01-01T00:00:00Z");
            default -> event.put("event_time", 4_102_444_800_000L + epochMs % 86_400_000L); // a day in 2100
        }
    }

    /** Invalid bytes spliced into the event_id string, right after its opening quote. */
    private static byte[] nonUtf8(byte[] good, SplittableRandom random) {
        int afterQuote = "{\"event_id\":\"".length();
        byte[] invalid = INVALID_UTF8[random.nextInt(INVALID_UTF8.length)];
        return concat(Arrays.copyOf(good, afterQuote), invalid, Arrays.copyOfRange(good, afterQuote, good.length));
    }

    private static byte[] oversize(byte[] good) {
        byte[] padding = new byte[OVERSIZE_PADDING];
        Arrays.fill(padding, (byte) 'x');
        return concat(Arrays.copyOf(good, good.length - 1), ",\"debug_dump\":\"".getBytes(US_ASCII), padding,
                "\"}".getBytes(US_ASCII));
    }

    private static byte[] edit(byte[] good, Consumer<ObjectNode> edit) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(good);
            edit.accept(event);
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException("the generator's own event is not JSON", e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] joined = new byte[length];
        int position = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, joined, position, part.length);
            position += part.length;
        }
        return joined;
    }

    /** Every kind but OVERSIZE and DUPLICATE ten times; OVERSIZE once, right after the first round. */
    private static DefectKind[] defectCycle() {
        List<DefectKind> round = new ArrayList<>(List.of(DefectKind.values()));
        round.remove(DefectKind.OVERSIZE);
        round.remove(DefectKind.DUPLICATE);
        List<DefectKind> cycle = new ArrayList<>(round);
        cycle.add(DefectKind.OVERSIZE);
        for (int i = 1; i < 10; i++) {
            cycle.addAll(round);
        }
        return cycle.toArray(DefectKind[]::new);
    }
}
