package dev.funnelflow.event;

/**
 * One record as read from the input, parsed: exactly one of {@code event} and {@code rejected} is set.
 * Parsing happens in the source so that watermarks are generated per Kafka partition from event times.
 */
public record Ingested(ClickEvent event, DeadLetter rejected) {

    public static Ingested accepted(ClickEvent event) {
        return new Ingested(event, null);
    }

    public static Ingested rejected(DeadLetter deadLetter) {
        return new Ingested(null, deadLetter);
    }

    public boolean isAccepted() {
        return event != null;
    }
}
