package dev.funnelflow.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recommendations anchored to event positions, as {@code eval_recs.py} anchors them: by
 * {@code trigger_event_id} when that id is in the events file, else by (user_id, session_id) and event_time to
 * the session's last event at or before that time. Per anchor only the recommendation emitted last is kept
 * (latest {@code emitted_at}, then latest in the file).
 */
final class AnchoredRecs {
    /** Best recommendation per anchor position (item ids, cut to the largest cutoff), or {@code null}. */
    final int[][] itemsAt;
    final Map<RecDiagnostic, Long> diagnostics = new EnumMap<>(RecDiagnostic.class);

    private final long[] emittedAt;
    private final EventLog events;
    private final int k;
    private final int keptItems;
    private final JsonFactory json;

    private AnchoredRecs(EventLog events, int k, int keptItems, JsonFactory json) {
        this.events = events;
        this.k = k;
        this.keptItems = keptItems;
        this.json = json;
        this.itemsAt = new int[events.size][];
        this.emittedAt = new long[events.size];
        for (RecDiagnostic diagnostic : RecDiagnostic.values()) {
            diagnostics.put(diagnostic, 0L);
        }
    }

    /**
     * @param keptItems how many items of each list to keep: ranks past the largest cutoff never count, so
     *     cutting there gives the same first-occurrence ranks
     */
    static AnchoredRecs load(Path path, EventLog events, int k, int keptItems, JsonFactory json)
            throws IOException {
        AnchoredRecs recs = new AnchoredRecs(events, k, keptItems, json);
        ByteLines.forEach(path, recs::line);
        return recs;
    }

    /** One recommendation's fields as Python reads them. */
    private static final class Rec {
        List<String> items = List.of();
        String triggerEventId;
        String userId;
        String sessionId;
        Long eventTimeMs;
        Long emittedAtMs;
    }

    private void line(byte[] bytes, int offset, int length) throws IOException {
        if (isBlank(bytes, offset, length)) {
            return;
        }
        Rec rec = parse(bytes, offset, length);
        if (rec == null) {
            count(RecDiagnostic.RECS_BAD_JSON);
            return;
        }
        count(RecDiagnostic.RECS_READ);
        List<String> topK = rec.items.subList(0, Math.min(k, rec.items.size()));
        if (rec.items.isEmpty()) {
            count(RecDiagnostic.RECS_WITHOUT_ITEMS);
        }
        if (new HashSet<>(topK).size() < topK.size()) {
            count(RecDiagnostic.LISTS_WITH_DUPLICATES);
        }
        if (rec.items.size() < k) {
            count(RecDiagnostic.LISTS_SHORTER_THAN_K);
        }
        int anchor = anchor(rec);
        if (anchor < 0) {
            count(RecDiagnostic.RECS_UNANCHORED);
            return;
        }
        long emitted = rec.emittedAtMs == null ? -1 : rec.emittedAtMs;
        // Ties on emitted_at go to the later line, as (emitted_at, line) ordering does in Python.
        if (itemsAt[anchor] == null || emittedAt[anchor] <= emitted) {
            int[] ids = new int[Math.min(keptItems, rec.items.size())];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = events.items.id(rec.items.get(i));
            }
            itemsAt[anchor] = ids;
            emittedAt[anchor] = emitted;
        }
    }

    /** The anchor position, or -1; counts how it was anchored. */
    private int anchor(Rec rec) {
        Integer byTrigger = rec.triggerEventId == null ? null : events.positionByEventId.get(rec.triggerEventId);
        if (byTrigger != null) {
            SessionKey session = events.sessions.get(events.sessionOf[byTrigger]);
            if (rec.sessionId != null && !rec.sessionId.equals(session.sessionId())) {
                count(RecDiagnostic.RECS_SESSION_MISMATCH);
            }
            count(RecDiagnostic.RECS_ANCHORED_BY_TRIGGER);
            return byTrigger;
        }
        if (rec.userId == null || rec.sessionId == null || rec.eventTimeMs == null) {
            return -1;
        }
        Integer session = events.sessionIds.get(new SessionKey(rec.userId, rec.sessionId));
        if (session == null) {
            return -1;
        }
        int position = events.lastPositionAtOrBefore(session, rec.eventTimeMs);
        if (position >= 0) {
            count(RecDiagnostic.RECS_ANCHORED_BY_TIME);
        }
        return position;
    }

    private Rec parse(byte[] bytes, int offset, int length) {
        Rec rec = new Rec();
        try (JsonParser parser = json.createParser(bytes, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "items" -> rec.items = readItems(parser);
                    case "trigger_event_id" -> rec.triggerEventId = PyJsonValues.stringOrNull(parser);
                    case "user_id" -> rec.userId = PyJsonValues.stringOrNull(parser);
                    case "session_id" -> rec.sessionId = PyJsonValues.pyStr(parser);
                    case "event_time" -> rec.eventTimeMs = PyJsonValues.timeMs(parser);
                    case "emitted_at" -> rec.emittedAtMs = PyJsonValues.timeMs(parser);
                    default -> parser.skipChildren();
                }
            }
            return parser.nextToken() == null ? rec : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * {@code r.get("items") or []} iterated as Python does: array elements that are objects with an item_id,
     * strings or integers (booleans are integers in Python); a string gives its characters and an object its
     * keys; anything else gives nothing (where Python would stop with a TypeError).
     */
    private static List<String> readItems(JsonParser parser) throws IOException {
        JsonToken value = parser.currentToken();
        List<String> items = new ArrayList<>();
        if (value == JsonToken.START_ARRAY) {
            JsonToken element;
            while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
                String item = switch (element) {
                    case START_OBJECT -> itemIdOf(parser);
                    case VALUE_STRING, VALUE_NUMBER_INT, VALUE_TRUE, VALUE_FALSE -> PyJsonValues.pyStr(parser);
                    default -> {
                        parser.skipChildren();
                        yield null;
                    }
                };
                if (item != null) {
                    items.add(item);
                }
            }
        } else if (value == JsonToken.VALUE_STRING) {
            parser.getText().codePoints().forEach(c -> items.add(Character.toString(c)));
        } else if (value == JsonToken.START_OBJECT) {
            Set<String> keys = new LinkedHashSet<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                keys.add(parser.currentName());
                parser.nextToken();
                parser.skipChildren();
            }
            items.addAll(keys);
        } else {
            parser.skipChildren();
        }
        return items;
    }

    /** {@code str(it["item_id"])} of one item object, or {@code null} when absent or null. */
    private static String itemIdOf(JsonParser parser) throws IOException {
        String itemId = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (field.equals("item_id")) {
                itemId = PyJsonValues.pyStr(parser);
            } else {
                parser.skipChildren();
            }
        }
        return itemId;
    }


    /** {@code raw.strip()} is empty: only ASCII whitespace. */
    private static boolean isBlank(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != 0x0b && b != 0x0c) {
                return false;
            }
        }
        return true;
    }

    private void count(RecDiagnostic diagnostic) {
        diagnostics.merge(diagnostic, 1L, Long::sum);
    }
}
