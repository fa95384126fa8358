package dev.funnelflow.importer;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventType;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Diginetica (CIKM Cup 2016, track 2) {@code train-item-views.csv}:
 * {@code session_id;user_id;item_id;timeframe;eventdate}, every row a view.
 *
 * <p>The dataset gives only the day of a session and each view's offset in ms ({@code timeframe}), so the event
 * time is {@code eventdate 00:00 UTC + timeframe}; this keeps the order of views within a session, which is all
 * the next-item protocol needs.
 *
 * <p>One user per session: some sessions mix anonymous rows ({@code user_id = NA}) with a user id (a login
 * mid-session), a few even two user ids. Every row of a session gets the session's first known user id in file
 * order, or the pseudo user {@code dg-s<session_id>} when it has none; otherwise such a session would split in
 * two, for the job's per-user state as for {@code eval recs}' (user, session) keys.
 */
final class DigineticaConverter implements RowConverter {
    private static final String HEADER = "session_id;user_id;item_id;timeframe;eventdate";
    private static final String ANONYMOUS = "NA";

    private final Map<String, String> knownUserBySession;

    DigineticaConverter(Map<String, String> knownUserBySession) {
        this.knownUserBySession = knownUserBySession;
    }

    /** Reads the inputs once to find each session's first known user. */
    static DigineticaConverter forInputs(List<Path> inputs) throws IOException {
        Map<String, String> knownUsers = new HashMap<>();
        for (Path input : inputs) {
            try (BufferedReader reader = DatasetFiles.open(input)) {
                String row;
                boolean headerPending = true;
                while ((row = reader.readLine()) != null) {
                    if (row.isBlank()) {
                        continue;
                    }
                    if (headerPending) {
                        headerPending = false;
                        continue;
                    }
                    RowFields fields = RowFields.split(row, ';');
                    if (fields.size() == 5 && fields.optionalText(0) != null && fields.optionalText(1) != null
                            && !fields.optionalText(1).equals(ANONYMOUS)) {
                        knownUsers.putIfAbsent(fields.optionalText(0), fields.optionalText(1));
                    }
                }
            }
        }
        return new DigineticaConverter(knownUsers);
    }

    @Override
    public String header() {
        return HEADER;
    }

    @Override
    public ClickEvent convert(String row, String eventId) throws BadRowException {
        RowFields fields = RowFields.split(row, ';', 5);
        String sessionId = fields.text(0, "session_id");
        fields.text(1, "user_id"); // required by the format, though the session decides the user
        String itemId = fields.text(2, "item_id");
        long timeframeMs = fields.nonNegativeLong(3, "timeframe");
        LocalDate day = fields.date(4, "eventdate");
        String userId = knownUserBySession.getOrDefault(sessionId, "dg-s" + sessionId);
        return RowConverter.event(eventId, day.toEpochDay() * Importer.DAY_MS + timeframeMs, userId, sessionId,
                EventType.VIEW, itemId, null, null, 1, null);
    }
}
