package dev.funnelflow.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;

/**
 * Pseudonymisation of personal identifiers at ingest, and how long a {@code forget_user} keeps guarding its user. The
 * options say where the secret is, never what it is: a secret on the command line or in configuration would end up in
 * process lists, job graphs and logs.
 */
public final class PrivacyOptions {

    private PrivacyOptions() {}

    public static final ConfigOption<String> HMAC_SECRET_ENV = key("funnelflow.privacy.hmac-secret-env")
            .stringType().noDefaultValue()
            .withDescription("Name of an environment variable (set on every Flink process) holding the secret;"
                    + " when set, user_id, context.ip and context.device_id are replaced by keyed HMAC-SHA256"
                    + " pseudonyms at ingest.");

    public static final ConfigOption<String> HMAC_SECRET_FILE = key("funnelflow.privacy.hmac-secret-file")
            .stringType().noDefaultValue()
            .withDescription("Path of a file (readable by every Flink process) holding the secret; the alternative"
                    + " to funnelflow.privacy.hmac-secret-env.");

    public static final ConfigOption<Duration> FORGET_HORIZON = key("funnelflow.privacy.forget-horizon")
            .durationType().defaultValue(Duration.ofMinutes(5))
            .withDescription("How long (processing time) each operator that applied a forget_user drops what was"
                    + " already in flight for the user: inputs stemming from events of the user no later (in event"
                    + " time) than the last one accepted before the forget. Must outlast the slowest hop, e.g."
                    + " backpressure on the ranking path.");
}
