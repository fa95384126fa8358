package dev.funnelflow.importer;

/** The clickstream event types (DESIGN.md §3) that the public datasets contain. */
public enum EventType {
    VIEW("view"),
    CLICK("click"),
    ADD_TO_CART("add_to_cart"),
    REMOVE_FROM_CART("remove_from_cart"),
    PURCHASE("purchase");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** The value of the {@code type} field on the wire. */
    public String wireName() {
        return wireName;
    }
}
