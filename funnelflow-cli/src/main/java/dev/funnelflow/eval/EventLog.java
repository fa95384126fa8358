package dev.funnelflow.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.funnelflow.event.EventType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The events file in compact columns, as {@code load_events} of {@code eval_recs.py} reads it: events in file
 * order (position = index among the parseable lines), sessions keyed by (user, session id) with a 30-minute
 * inactivity gap per user deriving sessions for events that have no session id, and each session's event
 * positions in file order.
 */
final class EventLog {
    // eval_recs.py's GAP_MS: fixed by the protocol, unlike the job's configurable funnelflow.session.gap.
    static final long SESSION_GAP_MS = 30 * 60 * 1000L;
    // eval_recs.py's ITEM_TYPES, by the wire names of the event package.
    private static final String VIEW = EventType.VIEW.wireName();
    private static final String CLICK = EventType.CLICK.wireName();

    /** Number of parseable events. */
    final int size;
    final long[] timeMs;
    final int[] sessionOf;
    /** Item id per event, or -1 when it has none. */
    final int[] itemOf;
    /** Whether the event is a view or click with an item: a candidate target. */
    final boolean[] isItemEvent;
    final List<SessionKey> sessions;
    final Map<SessionKey, Integer> sessionIds;
    /** Positions of session s are {@code sessionPositions[sessionStart[s] .. sessionStart[s+1])}. */
    final int[] sessionStart;
    final int[] sessionPositions;
    final Map<String, Integer> positionByEventId;
    final Interner items;
    /** Distinct items seen in events (the items interned before any recommendation was read). */
    final int distinctEventItems;
    final long skippedLines;

    private EventLog(Loader loader) {
        size = loader.size;
        timeMs = Arrays.copyOf(loader.timeMs, size);
        sessionOf = Arrays.copyOf(loader.sessionOf, size);
        itemOf = Arrays.copyOf(loader.itemOf, size);
        isItemEvent = Arrays.copyOf(loader.isItemEvent, size);
        sessions = loader.sessions;
        sessionIds = loader.sessionIds;
        positionByEventId = loader.positionByEventId;
        items = loader.items;
        distinctEventItems = items.size();
        skippedLines = loader.skipped;
        sessionStart = new int[sessions.size() + 1];
        sessionPositions = new int[size];
        groupPositionsBySession();
    }

    static EventLog load(Path path, JsonFactory json) throws IOException {
        Loader loader = new Loader(json);
        ByteLines.forEach(path, loader::line);
        return new EventLog(loader);
    }

    int sessionLength(int session) {
        return sessionStart[session + 1] - sessionStart[session];
    }

    /** Time of the session's first event in file order: it decides train or test. */
    long sessionFirstTimeMs(int session) {
        return timeMs[sessionPositions[sessionStart[session]]];
    }

    /**
     * Position of the session's last event with time {@code <= t}, by Python's {@code bisect_right} over the
     * session's times in file order (the same answer even when the file is not sorted), or -1.
     */
    int lastPositionAtOrBefore(int session, long t) {
        int lo = sessionStart[session];
        int hi = sessionStart[session + 1];
        int first = lo;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (t < timeMs[sessionPositions[mid]]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo == first ? -1 : sessionPositions[lo - 1];
    }

    // Counting sort by session keeps file order within each session.
    private void groupPositionsBySession() {
        for (int pos = 0; pos < size; pos++) {
            sessionStart[sessionOf[pos] + 1]++;
        }
        for (int s = 0; s < sessions.size(); s++) {
            sessionStart[s + 1] += sessionStart[s];
        }
        int[] next = Arrays.copyOf(sessionStart, sessions.size());
        for (int pos = 0; pos < size; pos++) {
            sessionPositions[next[sessionOf[pos]]++] = pos;
        }
    }

    /** Parses lines into growing columns. */
    private static final class Loader {
        private final JsonFactory json;
        int size;
        long skipped;
        long[] timeMs = new long[1024];
        int[] sessionOf = new int[1024];
        int[] itemOf = new int[1024];
        boolean[] isItemEvent = new boolean[1024];
        final List<SessionKey> sessions = new ArrayList<>();
        final Map<SessionKey, Integer> sessionIds = new HashMap<>();
        final Map<String, Integer> positionByEventId = new HashMap<>();
        final Interner items = new Interner();
        /** Per user without session ids: last event time and derived session counter. */
        private final Map<String, long[]> derivedSessions = new HashMap<>();

        Loader(JsonFactory json) {
            this.json = json;
        }

        void line(byte[] bytes, int offset, int length) throws IOException {
            String eventId = null;
            Long time = null;
            String userId = null;
            String sessionId = null;
            String type = null;
            String item = null;
            try (JsonParser parser = json.createParser(bytes, offset, length)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    skipped++;
                    return;
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    switch (field) {
                        case "event_id" -> eventId = PyJsonValues.stringOrNull(parser);
                        case "event_time" -> time = PyJsonValues.timeMs(parser);
                        case "user_id" -> userId = PyJsonValues.stringOrNull(parser);
                        case "session_id" -> sessionId = PyJsonValues.stringOrNull(parser);
                        case "type" -> type = PyJsonValues.stringOrNull(parser);
                        case "item_id" -> item = PyJsonValues.pyStr(parser);
                        default -> parser.skipChildren();
                    }
                }
                if (parser.nextToken() != null) {
                    skipped++; // trailing data after the object: json.loads rejects the line
                    return;
                }
            } catch (IOException e) {
                skipped++;
                return;
            }
            if (time == null || userId == null) {
                skipped++;
                return;
            }
            add(eventId, time, userId, sessionId, type, item);
        }

        private void add(String eventId, long time, String userId, String sessionId, String type, String item) {
            if (sessionId == null || sessionId.isEmpty()) {
                long[] last = derivedSessions.computeIfAbsent(userId, u -> new long[] {Long.MIN_VALUE, 0});
                if (last[1] == 0 || time - last[0] > SESSION_GAP_MS) {
                    last[1]++;
                }
                last[0] = time;
                sessionId = "~derived-" + last[1];
            }
            if (size == timeMs.length) {
                int capacity = size * 2;
                timeMs = Arrays.copyOf(timeMs, capacity);
                sessionOf = Arrays.copyOf(sessionOf, capacity);
                itemOf = Arrays.copyOf(itemOf, capacity);
                isItemEvent = Arrays.copyOf(isItemEvent, capacity);
            }
            SessionKey key = new SessionKey(userId, sessionId);
            Integer session = sessionIds.get(key);
            if (session == null) {
                session = sessions.size();
                sessions.add(key);
                sessionIds.put(key, session);
            }
            timeMs[size] = time;
            sessionOf[size] = session;
            itemOf[size] = item == null ? -1 : items.id(item);
            isItemEvent[size] = item != null && (VIEW.equals(type) || CLICK.equals(type));
            if (eventId != null) {
                positionByEventId.putIfAbsent(eventId, size);
            }
            size++;
        }
    }
}
