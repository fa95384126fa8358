package dev.funnelflow.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Figures of {@code eval alerts}.
 *
 * @param flagged users with at least one alert of the kind
 * @param auc ROC AUC of the per-user maximum score (0 for never-alerted users)
 * @param byScenario recall per labelled attack scenario
 */
public record AlertsReport(
        String kind, long users, long positives, long flagged, long truePositives, double auc,
        Map<String, ScenarioRecall> byScenario) {

    /** How many labelled users of one scenario there were and how many were flagged. */
    public record ScenarioRecall(long users, long caught) {
        public double recall() {
            return users == 0 ? Double.NaN : (double) caught / users;
        }
    }

    /** Share of flagged users who are positives; NaN when nobody was flagged. */
    public double precision() {
        return flagged == 0 ? Double.NaN : (double) truePositives / flagged;
    }

    /** Share of positives flagged; NaN without positives. */
    public double recall() {
        return positives == 0 ? Double.NaN : (double) truePositives / positives;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return Double.isNaN(p) || Double.isNaN(r) ? Double.NaN : p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** One JSON object, headline figures first; undefined figures (NaN) are null. */
    public String toJson() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("kind", kind);
        put(root, "precision", precision());
        put(root, "recall", recall());
        put(root, "f1", f1());
        put(root, "auc", auc);
        root.put("users", users);
        root.put("positives", positives);
        root.put("flagged", flagged);
        root.put("true_positives", truePositives);
        ObjectNode scenarios = root.putObject("by_scenario");
        byScenario.forEach((name, s) -> {
            ObjectNode node = scenarios.putObject(name);
            node.put("users", s.users());
            node.put("caught", s.caught());
            put(node, "recall", s.recall());
        });
        return root.toString();
    }

    private static void put(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
