package dev.funnelflow.job;

import static dev.funnelflow.job.AlertOptions.*;

import dev.funnelflow.alerts.cart.CartAbandonment;
import dev.funnelflow.alerts.churn.ChurnModel;
import dev.funnelflow.alerts.churn.ChurnModelFile;
import dev.funnelflow.alerts.churn.ChurnWatch;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The customer-lifecycle alerts' settings, read once from Flink configuration and shipped to the operator. The
 * churn model is read here too, when the job is built, so a broken one stops the job before it starts.
 *
 * @param churnModelFile the configured churn model file, followed at run time; null for the bundled model
 * @param churnModelPollMillis how often the operator looks for a newer churn model file
 * @param cartStateTtl backstop for a cart whose deadline never fires: {@code funnelflow.user.state-ttl}
 */
public record AlertSettings(
        CartAbandonment cartAbandonment,
        ChurnWatch churn,
        ChurnModelFile churnModelFile,
        long churnModelPollMillis,
        Duration cartStateTtl) implements Serializable {

    public static AlertSettings from(ReadableConfig config) {
        ChurnModelFile modelFile = config.getOptional(CHURN_MODEL).map(ChurnModelFile::new).orElse(null);
        ChurnModel model = modelFile == null ? ChurnModel.bundled() : read(modelFile);
        return new AlertSettings(
                new CartAbandonment(config.get(CART_IDLE), config.get(CART_MEDIUM_VALUE), config.get(CART_HIGH_VALUE)),
                new ChurnWatch(model.parameters(), model.modelVersion(), config.get(CHURN_ALIVE_THRESHOLD),
                        config.get(CHURN_MIN_REPEAT_PURCHASES), config.get(CHURN_CHECK_INTERVAL),
                        config.get(CHURN_HORIZON)),
                modelFile,
                config.get(CHURN_MODEL_POLL_INTERVAL).toMillis(),
                config.get(FunnelFlowOptions.USER_STATE_TTL));
    }

    private static ChurnModel read(ChurnModelFile modelFile) {
        try {
            return modelFile.read();
        } catch (IOException e) {
            throw new UncheckedIOException(CHURN_MODEL.key() + ": cannot read churn model " + modelFile.file() + ": "
                    + e.getMessage(), e);
        }
    }
}
