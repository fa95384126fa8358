package dev.funnelflow.control;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The control plane's settings ({@code funnelflow.control.*}).
 *
 * @param secret where the signing key is; without one every command is refused
 * @param maxFutureMillis how far a command's {@code issued_at} may lie ahead of its record's timestamp
 * @param maxAgeMillis how far it may lie behind: older commands are refused as replays
 * @param modelsDirs the directories promoted models must come from (null entries for arms without one)
 */
public record ControlSettings(ControlSecret secret, long maxFutureMillis, long maxAgeMillis, List<String> modelsDirs)
        implements Serializable {

    public ControlSettings {
        if (maxFutureMillis < 0 || maxAgeMillis <= 0) {
            throw new IllegalArgumentException("control: max-future must be >= 0 and max-age > 0");
        }
        // may hold nulls, which List.copyOf refuses
        modelsDirs = Collections.unmodifiableList(new ArrayList<>(modelsDirs));
    }
}
