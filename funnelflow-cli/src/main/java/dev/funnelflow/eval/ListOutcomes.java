package dev.funnelflow.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What users did after the lists they were served, per model version (each A/B arm serves its own models): the
 * share of lists with an item viewed or clicked within the click window (list CTR), of lists with an item bought
 * within the convert window (list CVR), and of served items viewed or clicked (item CTR). Outcomes come from the
 * events file, so any logged traffic, replayed or live, can be compared.
 */
public final class ListOutcomes {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Figures of the lists served by one model version. */
    public record Arm(String modelVersion, long lists, long items, double listCtr, double listCvr, double itemCtr) {}

    private record Interaction(long time, String item, boolean purchase) {}

    private ListOutcomes() {}

    /** @return one entry per model version ("none" for unranked lists), by version */
    public static List<Arm> evaluate(Path events, Path recommendations, long clickWindowMillis, long convertWindowMillis)
            throws IOException {
        Map<String, List<Interaction>> byUser = interactions(events);
        Map<String, long[]> counts = new TreeMap<>();
        try (BufferedReader reader = Files.newBufferedReader(recommendations, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode rec = JSON.readTree(line);
                Long time = RecsEvaluator.parseTime(rec.path("event_time").asText());
                if (time == null) {
                    continue;
                }
                JsonNode version = rec.path("model_version");
                long[] arm = counts.computeIfAbsent(version.isTextual() ? version.asText() : "none", v -> new long[5]);
                List<Interaction> next = byUser.getOrDefault(rec.path("user_id").asText(), List.of());
                boolean listClicked = false;
                boolean listConverted = false;
                for (JsonNode item : rec.path("items")) {
                    String id = item.path("item_id").asText();
                    boolean clicked = happened(next, id, false, time, clickWindowMillis);
                    listClicked |= clicked;
                    listConverted |= happened(next, id, true, time, convertWindowMillis);
                    arm[1]++;
                    arm[4] += clicked ? 1 : 0;
                }
                arm[0]++;
                arm[2] += listClicked ? 1 : 0;
                arm[3] += listConverted ? 1 : 0;
            }
        }
        List<Arm> arms = new ArrayList<>();
        counts.forEach((version, c) -> arms.add(new Arm(version, c[0], c[1], ratio(c[2], c[0]), ratio(c[3], c[0]),
                ratio(c[4], c[1]))));
        return arms;
    }

    private static boolean happened(List<Interaction> interactions, String item, boolean purchase, long after,
            long window) {
        for (Interaction interaction : interactions) {
            if (interaction.time() > after && interaction.time() <= after + window
                    && interaction.purchase() == purchase && interaction.item().equals(item)) {
                return true;
            }
        }
        return false;
    }

    /** Views, clicks and purchases with an item, per user. */
    private static Map<String, List<Interaction>> interactions(Path events) throws IOException {
        Map<String, List<Interaction>> byUser = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode event;
                try {
                    event = JSON.readTree(line);
                } catch (IOException e) {
                    continue;
                }
                String type = event.path("type").asText();
                Long time = RecsEvaluator.parseTime(event.path("event_time").asText());
                if (time == null || !event.path("item_id").isTextual()
                        || !(type.equals("view") || type.equals("click") || type.equals("purchase"))) {
                    continue;
                }
                byUser.computeIfAbsent(event.path("user_id").asText(), u -> new ArrayList<>())
                        .add(new Interaction(time, event.path("item_id").asText(), type.equals("purchase")));
            }
        }
        return byUser;
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : Math.round(1e6 * part / (double) whole) / 1e6;
    }
}
