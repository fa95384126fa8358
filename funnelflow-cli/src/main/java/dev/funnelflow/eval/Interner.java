package dev.funnelflow.eval;

import java.util.HashMap;
import java.util.Map;

/** Dense int ids for strings (item ids), so events and recommendation lists are int arrays. */
final class Interner {
    private final Map<String, Integer> ids = new HashMap<>();

    int id(String value) {
        Integer id = ids.get(value);
        if (id == null) {
            id = ids.size();
            ids.put(value, id);
        }
        return id;
    }

    int size() {
        return ids.size();
    }
}
