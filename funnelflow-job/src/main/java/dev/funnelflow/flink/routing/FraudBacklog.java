package dev.funnelflow.flink.routing;

import dev.funnelflow.alerts.fraud.CrossKeyLookup;
import dev.funnelflow.alerts.fraud.CrossKeySightings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One user's fraud inputs held back so that fraud detection sees them in the order user-activity accepted them.
 * A transactional event waits for its device and IP sightings, which come by the longer way through the cross-key
 * operators; the user's later events and forgets wait behind it, so a signup is never scored after the purchase
 * that follows it, and a forget is never overtaken. Sightings that come before their event wait for it.
 *
 * <p>Nothing waits forever: {@link #releaseOverdue} lets an event go on without the sightings it waited too long for,
 * and drops sightings whose event never came.
 */
public final class FraudBacklog {

    /** An input in user order, and when it was held (processing time). */
    public record Held(FraudInput input, long heldSince) {}

    /** Sightings that came before their event, and when (processing time). */
    public record Early(CrossKeyLookup lookup, long arrivedAt) {}

    private final List<Held> held;
    private final Map<String, Early> early;

    public FraudBacklog() {
        this(new ArrayList<>(), new LinkedHashMap<>());
    }

    public FraudBacklog(List<Held> held, Map<String, Early> early) {
        this.held = held;
        this.early = early;
    }

    /** An event or forget in user order; returns the inputs that are ready now, in order. */
    public List<FraudInput> accept(FraudInput input, long now) {
        if (input.awaitsSightings()) {
            Early sightings = early.remove(input.event().event().eventId());
            if (sightings != null) {
                input = input.withSightings(sightings.lookup().sightings());
            }
        }
        held.add(new Held(input, now));
        return releaseReady();
    }

    /** An event's sightings; returns the inputs that are ready now, in order. */
    public List<FraudInput> attach(CrossKeyLookup lookup, long now) {
        for (int i = 0; i < held.size(); i++) {
            FraudInput input = held.get(i).input();
            if (input.awaitsSightings() && input.event().event().eventId().equals(lookup.eventId())) {
                held.set(i, new Held(input.withSightings(lookup.sightings()), held.get(i).heldSince()));
                return releaseReady();
            }
        }
        early.put(lookup.eventId(), new Early(lookup, now));
        return List.of();
    }

    /**
     * Gives up on sightings asked for at least {@code maxWait} before {@code now}: those events go on without them
     * (and the inputs behind them, up to the next event still in time), and sightings whose event never came are
     * dropped.
     *
     * @param givenUp called once per event released without its sightings
     */
    public List<FraudInput> releaseOverdue(long now, long maxWait, Runnable givenUp) {
        early.values().removeIf(sightings -> sightings.arrivedAt() + maxWait <= now);
        List<FraudInput> ready = new ArrayList<>();
        while (!held.isEmpty()) {
            Held head = held.get(0);
            if (head.input().awaitsSightings()) {
                if (head.heldSince() + maxWait > now) {
                    break;
                }
                givenUp.run();
                ready.add(head.input().withSightings(CrossKeySightings.NONE));
            } else {
                ready.add(head.input());
            }
            held.remove(0);
        }
        return ready;
    }

    public boolean isEmpty() {
        return held.isEmpty() && early.isEmpty();
    }

    public List<Held> held() {
        return held;
    }

    public Map<String, Early> early() {
        return early;
    }

    private List<FraudInput> releaseReady() {
        int ready = 0;
        while (ready < held.size() && !held.get(ready).input().awaitsSightings()) {
            ready++;
        }
        if (ready == 0) {
            return List.of();
        }
        List<Held> released = held.subList(0, ready);
        List<FraudInput> inputs = new ArrayList<>(ready);
        released.forEach(entry -> inputs.add(entry.input()));
        released.clear();
        return inputs;
    }
}
