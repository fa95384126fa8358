package dev.funnelflow.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;

/**
 * The {@code control} topic's checks. The secret options say where the signing key is, never what it is (as
 * {@link PrivacyOptions}); without either, the control plane is closed and every command is refused.
 */
public final class ControlOptions {

    private ControlOptions() {}

    public static final ConfigOption<String> HMAC_SECRET_ENV = key("funnelflow.control.hmac-secret-env")
            .stringType().noDefaultValue()
            .withDescription("Name of an environment variable (set on every Flink process) holding the key that"
                    + " control commands are signed with (HMAC-SHA256, at least 32 bytes). Without it or"
                    + " funnelflow.control.hmac-secret-file every control command is refused.");

    public static final ConfigOption<String> HMAC_SECRET_FILE = key("funnelflow.control.hmac-secret-file")
            .stringType().noDefaultValue()
            .withDescription("Path of a file (readable by every Flink process) holding the control signing key; the"
                    + " alternative to funnelflow.control.hmac-secret-env.");

    public static final ConfigOption<Duration> MAX_FUTURE = key("funnelflow.control.max-future")
            .durationType().defaultValue(Duration.ofMinutes(5))
            .withDescription("A command whose issued_at lies further ahead of its Kafka record's timestamp is"
                    + " refused (command_from_future): no command can outrank later ones for long.");

    public static final ConfigOption<Duration> MAX_AGE = key("funnelflow.control.max-age")
            .durationType().defaultValue(Duration.ofHours(1))
            .withDescription("A command whose issued_at lies further behind its Kafka record's timestamp is refused"
                    + " (replayed_command): an old signed command cannot be sent again. Also bounds what the job"
                    + " remembers to refuse replays.");
}
