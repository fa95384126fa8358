package dev.funnelflow.importer;

import java.time.LocalDate;

/**
 * Diginetica (CIKM Cup 2016, track 2) {@code train-item-views.csv}:
 * {@code session_id;user_id;item_id;timeframe;eventdate}, every row a view.
 *
 * <p>The dataset gives only the day of a session and each view's offset in ms ({@code timeframe}), so the event
 * time is {@code eventdate 00:00 UTC + timeframe}; this keeps the order of views within a session, which is all
 * the next-item protocol needs. Anonymous sessions ({@code user_id = NA}) get the pseudo user
 * {@code dg-s<session_id>}, so a session never mixes with another anonymous user's.
 */
final class DigineticaConverter implements RowConverter {
    private static final long DAY_MS = 86_400_000L;

    @Override
    public String header() {
        return "session_id;user_id;item_id;timeframe;eventdate";
    }

    @Override
    public ClickEvent convert(String row, String eventId) throws BadRowException {
        RowFields fields = RowFields.split(row, ';', 5);
        String sessionId = fields.text(0, "session_id");
        String user = fields.text(1, "user_id");
        String itemId = fields.text(2, "item_id");
        long timeframeMs = fields.nonNegativeLong(3, "timeframe");
        LocalDate day = fields.date(4, "eventdate");
        String userId = user.equals("NA") ? "dg-s" + sessionId : user;
        return new ClickEvent(eventId, day.toEpochDay() * DAY_MS + timeframeMs, userId, sessionId,
                EventType.VIEW, itemId, null, null, null, null);
    }
}
