package dev.funnelflow.generator;

import java.nio.charset.StandardCharsets;

/** The clickstream {@code type} values of the contract, with their wire names pre-encoded. */
enum EventType {
    VIEW("view"),
    CLICK("click"),
    ADD_TO_CART("add_to_cart"),
    REMOVE_FROM_CART("remove_from_cart"),
    PURCHASE("purchase"),
    SEARCH("search"),
    SIGNUP("signup"),
    LOGIN("login");

    private final byte[] quotedWireName;

    EventType(String wireName) {
        this.quotedWireName = ('"' + wireName + '"').getBytes(StandardCharsets.US_ASCII);
    }

    byte[] quotedWireName() {
        return quotedWireName;
    }
}
