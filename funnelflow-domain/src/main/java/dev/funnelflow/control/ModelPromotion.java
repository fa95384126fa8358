package dev.funnelflow.control;

import dev.funnelflow.ranking.ExampleLabel;
import dev.funnelflow.ranking.Variant;
import java.util.Locale;
import java.util.Optional;

/**
 * A {@code model_promote}: serve the model at {@code path} in one slot, pinned there (the models directory no longer
 * swaps that slot) until a later promotion of the same slot. Promoting an older version is how a model is rolled back.
 *
 * @param variant the A/B arm: slots {@code ranker-*} are the champion's, {@code challenger-*} the challenger's
 * @param label which model of the arm: {@code *-click} the CTR model, {@code *-convert} the CVR model
 * @param modelVersion the card's {@code name-version} (as on outputs, e.g. {@code ctr-gen2}) or its bare version
 * @param schemaHash the feature schema hash the card must have; null when the command names none
 * @param modelSha256 lower-case hex SHA-256 the file at {@code path} must have ({@link ModelFileCheck})
 */
public record ModelPromotion(String commandId, long issuedAt, Variant variant, ExampleLabel label,
        String modelVersion, String path, String schemaHash, String modelSha256) implements ControlCommand {

    /** The {@code model_name} of the slot, e.g. {@code ranker-click}. */
    public String slot() {
        return slotName(variant, label);
    }

    public static String slotName(Variant variant, ExampleLabel label) {
        return (variant == Variant.CHAMPION ? "ranker-" : "challenger-") + label.wireName();
    }

    /** The slot named {@code modelName}, if it is one. */
    static Optional<ModelPromotion> forSlot(String modelName, String commandId, long issuedAt, String modelVersion,
            String path, String schemaHash, String modelSha256) {
        for (Variant variant : Variant.values()) {
            for (ExampleLabel label : ExampleLabel.values()) {
                if (slotName(variant, label).equals(modelName.toLowerCase(Locale.ROOT))) {
                    return Optional.of(new ModelPromotion(commandId, issuedAt, variant, label, modelVersion, path,
                            schemaHash, modelSha256));
                }
            }
        }
        return Optional.empty();
    }
}
