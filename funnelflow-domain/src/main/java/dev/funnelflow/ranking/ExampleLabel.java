package dev.funnelflow.ranking;

import java.util.Locale;

/** The outcomes logged on every {@code training-examples} record, each the target of its own model. */
public enum ExampleLabel {
    /** The user viewed or clicked the item within the click window: a CTR model. */
    CLICK,
    /** The user bought the item within the attribution window: a conversion (CVR) model. */
    CONVERT;

    /** The key under {@code labels} in {@code training-examples}, and the card's {@code label}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The default model name: {@code ctr} or {@code cvr}. */
    public String modelName() {
        return this == CLICK ? "ctr" : "cvr";
    }

    public static ExampleLabel fromWireName(String name) {
        for (ExampleLabel label : values()) {
            if (label.wireName().equals(name)) {
                return label;
            }
        }
        throw new IllegalArgumentException("unknown label '" + name + "'; known: click, convert");
    }
}
