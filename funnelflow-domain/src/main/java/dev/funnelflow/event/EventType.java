package dev.funnelflow.event;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The event types of the {@code clickstream} topic (DESIGN.md §3). */
public enum EventType {
    VIEW(true, true),
    CLICK(true, true),
    ADD_TO_CART(true, true),
    REMOVE_FROM_CART(true, false),
    PURCHASE(true, false),
    SEARCH(false, false),
    SIGNUP(false, false),
    LOGIN(false, false);

    // Looked up once per parsed record: a map, not a loop lower-casing every name.
    private static final Map<String, EventType> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::wireName, type -> type));

    private final boolean needsItem;
    private final boolean triggersRecommendation;

    EventType(boolean needsItem, boolean triggersRecommendation) {
        this.needsItem = needsItem;
        this.triggersRecommendation = triggersRecommendation;
    }

    /** Whether the contract requires {@code item_id} on this type. */
    public boolean needsItem() {
        return needsItem;
    }

    /** Browsing signals the storefront answers with a fresh recommendation list. */
    public boolean triggersRecommendation() {
        return triggersRecommendation;
    }

    /** The name on the wire, e.g. {@code add_to_cart}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<EventType> fromWireName(String name) {
        return Optional.ofNullable(BY_WIRE_NAME.get(name));
    }
}
