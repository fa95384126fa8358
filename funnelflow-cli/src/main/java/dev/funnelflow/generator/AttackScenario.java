package dev.funnelflow.generator;

import java.util.Locale;

/** The labelled attacks {@link ScenarioInjector} adds to generated traffic (issue 4's scenario list). */
public enum AttackScenario {
    /** Many tiny purchases with different cards, then a big one. */
    CARD_TESTING,
    /** An established account suddenly logs in from a new device in another country and buys big. */
    ACCOUNT_TAKEOVER,
    /** Several fresh accounts on one device and IP, each signing up and buying. */
    DEVICE_FARM,
    /** A script browsing at a fixed, fast pace. */
    BOT,
    /** A fresh account buying seconds after signup. */
    INSTANT_PURCHASE;

    /** The name in the labels file, e.g. {@code card_testing}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
