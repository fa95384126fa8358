package dev.funnelflow.alerts.churn;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventParser;
import dev.funnelflow.event.EventType;
import dev.funnelflow.event.Ingested;
import dev.funnelflow.event.RecordOrigin;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every customer's purchase days (UTC), read from a clickstream events file. Purchases are counted per day, as
 * the BG/NBD literature does with transaction logs: the lines of one order, or two orders an hour apart, are
 * one purchase occasion. Times are in weeks, the model's unit.
 */
public final class PurchaseLog {

    static final long DAY_MS = 86_400_000L;
    /** Weeks per day: the model's time unit is the week. */
    static final double WEEKS_PER_DAY = 1 / 7.0;

    private final Map<String, int[]> daysByCustomer;
    private final long purchases;
    private final long lastEventTime;

    private PurchaseLog(Map<String, int[]> daysByCustomer, long purchases, long lastEventTime) {
        this.daysByCustomer = daysByCustomer;
        this.purchases = purchases;
        this.lastEventTime = lastEventTime;
    }

    /**
     * Reads purchase events from a JSON-lines events file; lines that are not valid clickstream events are
     * skipped (the same contract as the job: a bad record never stops the work).
     */
    public static PurchaseLog read(Path events) throws IOException {
        // No wall-clock check: historical logs are the point here.
        EventParser parser = new EventParser(Integer.MAX_VALUE, Duration.ofDays(365L * 100));
        RecordOrigin origin = new RecordOrigin(events.toString(), 0, 0);
        Map<String, TreeSet<Integer>> days = new LinkedHashMap<>();
        long purchases = 0;
        long last = Long.MIN_VALUE;
        try (BufferedReader reader = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                Ingested ingested = parser.parse(line.getBytes(StandardCharsets.UTF_8), origin);
                ClickEvent event = ingested.event();
                if (event == null) {
                    continue;
                }
                last = Math.max(last, event.eventTime());
                if (event.type() == EventType.PURCHASE) {
                    purchases++;
                    days.computeIfAbsent(event.userId(), u -> new TreeSet<>()).add(day(event.eventTime()));
                }
            }
        }
        Map<String, int[]> sorted = new LinkedHashMap<>();
        days.forEach((user, set) -> sorted.put(user, set.stream().mapToInt(Integer::intValue).toArray()));
        return new PurchaseLog(sorted, purchases, last);
    }

    /** For tests and callers that hold purchases already: customer → purchase times (epoch ms, any order). */
    public static PurchaseLog of(Map<String, long[]> purchaseTimes) {
        Map<String, int[]> days = new LinkedHashMap<>();
        long purchases = 0;
        long last = Long.MIN_VALUE;
        for (Map.Entry<String, long[]> entry : purchaseTimes.entrySet()) {
            days.put(entry.getKey(), Arrays.stream(entry.getValue()).mapToInt(PurchaseLog::day).distinct().sorted().toArray());
            purchases += entry.getValue().length;
            for (long time : entry.getValue()) {
                last = Math.max(last, time);
            }
        }
        return new PurchaseLog(days, purchases, last);
    }

    static int day(long epochMs) {
        return (int) Math.floorDiv(epochMs, DAY_MS);
    }

    /** Purchase events read (before per-day counting). */
    public long purchases() {
        return purchases;
    }

    /** Time of the last valid event of any type; the natural end of observation. */
    public long lastEventTime() {
        return lastEventTime;
    }

    /** Earliest purchase time (start of its day), or Long.MAX_VALUE without purchases. */
    public long firstPurchaseDayStart() {
        return daysByCustomer.values().stream().mapToLong(d -> d[0] * DAY_MS).min().orElse(Long.MAX_VALUE);
    }

    /**
     * Each customer's history as observed up to (not including) the UTC day of {@code endMs}: customers whose
     * first purchase falls before it, in first-seen order.
     */
    public Map<String, CustomerHistory> historiesBefore(long endMs) {
        int endDay = day(endMs);
        Map<String, CustomerHistory> histories = new LinkedHashMap<>();
        daysByCustomer.forEach((customer, days) -> {
            if (days[0] >= endDay) {
                return;
            }
            int first = days[0];
            int last = first;
            int repeats = 0;
            for (int i = 1; i < days.length && days[i] < endDay; i++) {
                repeats++;
                last = days[i];
            }
            histories.put(customer, new CustomerHistory(repeats, (last - first) * WEEKS_PER_DAY,
                    (endDay - first) * WEEKS_PER_DAY));
        });
        return histories;
    }

    /** Whether {@code customer} bought on a day in [day of {@code fromMs}, day of {@code toMs}). */
    public boolean boughtBetween(String customer, long fromMs, long toMs) {
        int[] days = daysByCustomer.getOrDefault(customer, new int[0]);
        int from = day(fromMs);
        int to = day(toMs);
        for (int d : days) {
            if (d >= from && d < to) {
                return true;
            }
        }
        return false;
    }

    /** Customers with at least one purchase. */
    public int customers() {
        return daysByCustomer.size();
    }
}
