package dev.funnelflow.job;

import static dev.funnelflow.job.AlertOptions.*;

import dev.funnelflow.alerts.cart.CartAbandonment;
import dev.funnelflow.alerts.churn.ChurnModel;
import dev.funnelflow.alerts.churn.ChurnWatch;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The customer-lifecycle alerts' settings, read once from Flink configuration and shipped to the operator. The
 * churn model is read here, when the job is built, so every subtask uses the same parameters.
 *
 * @param cartStateTtl backstop for a cart whose deadline never fires: {@code funnelflow.user.state-ttl}
 */
public record AlertSettings(
        CartAbandonment cartAbandonment,
        ChurnWatch churn,
        Duration cartStateTtl) implements Serializable {

    public static AlertSettings from(ReadableConfig config) {
        ChurnModel model = config.getOptional(CHURN_MODEL).map(AlertSettings::readModel).orElseGet(ChurnModel::bundled);
        return new AlertSettings(
                new CartAbandonment(config.get(CART_IDLE), config.get(CART_MEDIUM_VALUE), config.get(CART_HIGH_VALUE)),
                new ChurnWatch(model.parameters(), model.modelVersion(), config.get(CHURN_ALIVE_THRESHOLD),
                        config.get(CHURN_MIN_REPEAT_PURCHASES), config.get(CHURN_CHECK_INTERVAL),
                        config.get(CHURN_HORIZON)),
                config.get(FunnelFlowOptions.USER_STATE_TTL));
    }

    private static ChurnModel readModel(String location) {
        Path path = Path.of(location);
        Path file = Files.isDirectory(path) ? path.resolve(ChurnModel.FILE_NAME) : path;
        try {
            return ChurnModel.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(CHURN_MODEL.key() + ": cannot read churn model " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
