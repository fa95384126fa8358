package dev.funnelflow.generator;

import dev.funnelflow.event.EventType;

/**
 * One clickstream event before serialization. Mutable and reused for every record, because allocating an
 * event object per record would dominate the generator's cost; absent fields hold {@link #NONE} or null.
 */
final class Event {

    static final int NONE = -1;

    EventType type;
    int user;
    /** Session number, or NONE when the user's client sends no session_id. */
    long session;
    int item;
    int category;
    long priceCents;
    int quantity;
    long order;
    String query;
    /** Number of the recommendation a click follows, or NONE. */
    long recommendation;

    void clear(EventType newType, int newUser, long newSession) {
        type = newType;
        user = newUser;
        session = newSession;
        item = NONE;
        category = NONE;
        priceCents = NONE;
        quantity = 0;
        order = NONE;
        query = null;
        recommendation = NONE;
    }
}
