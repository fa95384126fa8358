package dev.funnelflow.generator;

import dev.funnelflow.event.EventType;

/**
 * What a {@link Session} did next, in the generator's own terms: indexes into the user pool and the catalogue,
 * cents, counters. Not an event model: {@link EventFactory} turns it into the {@link dev.funnelflow.event.ClickEvent}
 * that goes on the wire. Mutable and reused for every record; absent fields hold {@link #NONE} or null.
 */
final class Step {

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
