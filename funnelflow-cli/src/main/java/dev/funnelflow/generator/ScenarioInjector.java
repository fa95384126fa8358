package dev.funnelflow.generator;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventContext;
import dev.funnelflow.event.EventJson;
import dev.funnelflow.event.EventType;
import dev.funnelflow.event.Payment;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Adds labelled fraud to generated traffic so alert precision and recall can be measured: each attack is a
 * short burst of clickstream events by attacker accounts of their own ({@code atk-<scenario>-<n>}), spread over
 * the traffic's time span and merged into it by event time. Writes the events file and a labels file in the
 * format of {@code eval alerts} ({@code user_id,label,scenario}; only attackers are listed, everyone else is a
 * negative). The generator's own traffic is untouched: same settings, same normal records.
 */
public final class ScenarioInjector {

    private static final long SECOND = 1_000;
    private static final long MINUTE = 60 * SECOND;

    private final SplittableRandom random;
    private final EventJson json = new EventJson();
    private final List<TimedLine> attacks = new ArrayList<>();
    private final Map<String, AttackScenario> labels = new LinkedHashMap<>();
    private int events;

    private record TimedLine(long time, String json) {}

    public ScenarioInjector(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * Writes {@code count} generator records merged with {@code attacksPerScenario} attacks of every scenario
     * to {@code eventsFile}, and the attackers to {@code labelsFile}. Returns the number of attack events.
     */
    public int write(ClickstreamGenerator generator, long count, int attacksPerScenario, Path eventsFile,
            Path labelsFile) throws IOException {
        GeneratorSettings settings = generator.settings();
        long start = settings.startEpochMs();
        long span = (long) (count * 1000 / settings.eventsPerSecond());
        for (AttackScenario scenario : AttackScenario.values()) {
            for (int n = 0; n < attacksPerScenario; n++) {
                // Leave the first tenth for the history an account takeover needs, and a margin at the end.
                long at = start + span / 10 + random.nextLong(Math.max(1, span * 8 / 10));
                inject(scenario, n, at);
            }
        }
        attacks.sort(Comparator.comparingLong(TimedLine::time));
        try (BufferedWriter out = Files.newBufferedWriter(eventsFile, StandardCharsets.UTF_8)) {
            int next = 0;
            for (long i = 0; i < count; i++) {
                GeneratedRecord record = generator.next();
                long clock = start + (long) Math.floor(i * 1000 / settings.eventsPerSecond());
                while (next < attacks.size() && attacks.get(next).time() <= clock) {
                    out.write(attacks.get(next++).json());
                    out.write('\n');
                }
                out.write(record.valueAsString());
                out.write('\n');
            }
            while (next < attacks.size()) {
                out.write(attacks.get(next++).json());
                out.write('\n');
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(labelsFile, StandardCharsets.UTF_8)) {
            out.write("user_id,label,scenario\n");
            for (Map.Entry<String, AttackScenario> label : labels.entrySet()) {
                out.write(label.getKey() + ",1," + label.getValue().label() + "\n");
            }
        }
        return attacks.size();
    }

    private void inject(AttackScenario scenario, int n, long at) {
        String user = "atk-" + scenario.label() + "-" + n;
        String device = "atk-dev-" + scenario.label() + "-" + n;
        String ip = "203.0.113." + (n % 250 + 1); // TEST-NET-3: never a real customer's address
        switch (scenario) {
            case CARD_TESTING -> {
                label(user, scenario);
                long t = at;
                add(t, user, EventType.VIEW, device, ip, "US", null, 0);
                for (int i = 0; i < 6; i++) {
                    t += 20 * SECOND + random.nextLong(70 * SECOND);
                    add(t, user, EventType.PURCHASE, device, ip, "US", "atk-card-" + n + "-" + i, 0.5 + random.nextInt(250) / 100.0);
                }
                add(t + 2 * MINUTE, user, EventType.PURCHASE, device, ip, "US", "atk-card-" + n + "-6", 450 + random.nextInt(500));
            }
            case ACCOUNT_TAKEOVER -> {
                label(user, scenario);
                long history = at - 6 * 3_600_000L; // the real owner's ordinary visits earlier that day
                for (int s = 0; s < 3; s++) {
                    long t = history + s * 90 * MINUTE;
                    add(t, user, EventType.LOGIN, device, ip, "DE", null, 0);
                    add(t + MINUTE, user, EventType.VIEW, device, ip, "DE", null, 0);
                    add(t + 4 * MINUTE, user, EventType.PURCHASE, device, ip, "DE", "owner-card-" + n, 25 + random.nextInt(30));
                }
                String thief = "atk-thief-dev-" + n;
                String thiefIp = "198.51.100." + (n % 250 + 1);
                add(at, user, EventType.LOGIN, thief, thiefIp, "BR", null, 0);
                add(at + 40 * SECOND, user, EventType.VIEW, thief, thiefIp, "BR", null, 0);
                add(at + 2 * MINUTE, user, EventType.PURCHASE, thief, thiefIp, "BR", "owner-card-" + n, 800 + random.nextInt(700));
            }
            case DEVICE_FARM -> {
                String farmDevice = "atk-farm-" + n;
                for (int k = 0; k < 8; k++) {
                    String account = user + "-" + k;
                    label(account, scenario);
                    long t = at + k * 3 * MINUTE;
                    add(t, account, EventType.SIGNUP, farmDevice, ip, "US", null, 0);
                    add(t + 5 * MINUTE, account, EventType.VIEW, farmDevice, ip, "US", null, 0);
                    add(t + 7 * MINUTE, account, EventType.PURCHASE, farmDevice, ip, "US", "farm-card-" + n + "-" + k,
                            20 + random.nextInt(60));
                }
            }
            case BOT -> {
                label(user, scenario);
                for (int i = 0; i < 60; i++) {
                    add(at + i * SECOND + random.nextLong(50), user, EventType.VIEW, device, ip, "US", null, 0);
                }
            }
            case INSTANT_PURCHASE -> {
                label(user, scenario);
                add(at, user, EventType.SIGNUP, device, ip, "GB", null, 0);
                add(at + 10 * SECOND + random.nextLong(30 * SECOND), user, EventType.PURCHASE, device, ip, "GB",
                        "atk-card-" + n, 60 + random.nextInt(300));
            }
        }
    }

    private void label(String user, AttackScenario scenario) {
        labels.put(user, scenario);
    }

    private void add(long time, String user, EventType type, String device, String ip, String country, String card,
            double amount) {
        String eventId = "atk-" + (events++);
        boolean hasItem = type == EventType.VIEW || type == EventType.PURCHASE;
        boolean purchase = type == EventType.PURCHASE;
        ClickEvent event = new ClickEvent(eventId, time, user, null, type,
                hasItem ? "atk-item-" + random.nextInt(50) : null, null,
                hasItem ? (purchase ? amount : 19.99) : null,
                1,
                purchase ? "atk-order-" + events : null, null, null,
                new EventContext(device, ip, "Mozilla/5.0", country, "web"),
                purchase ? new Payment("card", card, amount, "USD") : null,
                null);
        attacks.add(new TimedLine(time, json.encodeToString(event, EventJson.TimeFormat.EPOCH_MILLIS)));
    }
}
