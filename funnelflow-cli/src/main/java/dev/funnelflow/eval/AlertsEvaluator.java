package dev.funnelflow.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelflow.alerts.RocAuc;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scores alerts against labelled users, per user: the population is every user of the events file (plus any
 * labelled or alerted user missing from it); a user counts as flagged when at least one alert of the kind was
 * raised for them, and their score is the maximum score of those alerts (0 when never alerted). Precision,
 * recall and F1 are of "flagged", the ROC AUC is of the score, and recall is broken down by labelled scenario.
 */
public final class AlertsEvaluator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String kind;

    /** @param kind the alert kind to evaluate, e.g. {@code fraud} */
    public AlertsEvaluator(String kind) {
        this.kind = kind;
    }

    public AlertsReport evaluate(Path events, Map<String, AlertLabels.Label> labels, Path alerts) throws IOException {
        Set<String> users = new LinkedHashSet<>();
        forEachJsonLine(events, node -> {
            JsonNode user = node.get("user_id");
            if (user != null && user.isTextual() && !user.asText().isEmpty()) {
                users.add(user.asText());
            }
        });
        Map<String, Double> maxScore = new HashMap<>();
        forEachJsonLine(alerts, node -> {
            if (kind.equals(node.path("kind").asText()) && node.path("user_id").isTextual()) {
                maxScore.merge(node.get("user_id").asText(), node.path("score").asDouble(0), Math::max);
            }
        });
        users.addAll(labels.keySet());
        users.addAll(maxScore.keySet());
        return score(users, labels, maxScore);
    }

    private AlertsReport score(Set<String> users, Map<String, AlertLabels.Label> labels, Map<String, Double> maxScore) {
        int n = users.size();
        double[] scores = new double[n];
        boolean[] positive = new boolean[n];
        long positives = 0;
        long flagged = 0;
        long truePositives = 0;
        Map<String, long[]> byScenario = new TreeMap<>(); // scenario -> {users, caught}
        int i = 0;
        for (String user : users) {
            AlertLabels.Label label = labels.get(user);
            Double score = maxScore.get(user);
            positive[i] = label != null && label.positive();
            scores[i] = score == null ? 0 : score;
            boolean isFlagged = score != null;
            positives += positive[i] ? 1 : 0;
            flagged += isFlagged ? 1 : 0;
            if (positive[i]) {
                truePositives += isFlagged ? 1 : 0;
                String scenario = label.scenario().isEmpty() ? "unnamed" : label.scenario();
                long[] counts = byScenario.computeIfAbsent(scenario, s -> new long[2]);
                counts[0]++;
                counts[1] += isFlagged ? 1 : 0;
            }
            i++;
        }
        Map<String, AlertsReport.ScenarioRecall> scenarios = new LinkedHashMap<>();
        byScenario.forEach((name, c) -> scenarios.put(name, new AlertsReport.ScenarioRecall(c[0], c[1])));
        return new AlertsReport(kind, n, positives, flagged, truePositives, RocAuc.of(scores, positive), scenarios);
    }

    private interface JsonLineHandler {
        void handle(JsonNode node);
    }

    /** Every line that parses as a JSON object; others are skipped, as the job skips bad records. */
    private static void forEachJsonLine(Path file, JsonLineHandler handler) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (IOException e) {
                    continue;
                }
                if (node != null && node.isObject()) {
                    handler.handle(node);
                }
            }
        }
    }
}
