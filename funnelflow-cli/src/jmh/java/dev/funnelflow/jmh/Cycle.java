package dev.funnelflow.jmh;

import java.util.List;

/** Hands out the items of a list in order, round and round: each benchmark call takes the next input. */
public final class Cycle<T> {

    private final List<T> items;
    private int next;

    public Cycle(List<T> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("nothing to cycle through");
        }
        this.items = items;
    }

    public T next() {
        T item = items.get(next);
        next = next + 1 == items.size() ? 0 : next + 1;
        return item;
    }
}
