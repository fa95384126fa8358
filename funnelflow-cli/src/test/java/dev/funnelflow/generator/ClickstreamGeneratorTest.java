package dev.funnelflow.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelflow.contract.TopicSchemas;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClickstreamGeneratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** 10 events/s keeps few sessions open at the end of the sample, so session statistics are not cut short. */
    private static final GeneratorSettings SAMPLE_SETTINGS = GeneratorSettings.defaults().withSeed(7).withEventsPerSecond(10);
    private static final int SAMPLE_SIZE = 200_000;

    private static List<GeneratedRecord> sample;
    private static List<JsonNode> goodEvents;

    @BeforeAll
    static void generateSample() throws IOException {
        sample = new ClickstreamGenerator(SAMPLE_SETTINGS).stream(SAMPLE_SIZE).toList();
        goodEvents = new ArrayList<>();
        for (GeneratedRecord record : sample) {
            if (record.isGood()) {
                goodEvents.add(JSON.readTree(record.value()));
            }
        }
    }

    @Test
    void sameSeedGivesSameBytesAndAnotherSeedDoesNot() {
        GeneratorSettings settings = GeneratorSettings.defaults().withMalformedShare(0.05).withDuplicateShare(0.02);
        List<GeneratedRecord> first = new ClickstreamGenerator(settings).stream(20_000).toList();
        List<GeneratedRecord> second = new ClickstreamGenerator(settings).stream(20_000).toList();
        List<GeneratedRecord> otherSeed = new ClickstreamGenerator(settings.withSeed(43)).stream(20_000).toList();

        assertThat(second).isEqualTo(first);
        assertThat(otherSeed.get(0)).isNotEqualTo(first.get(0));
    }

    @Test
    void goodRecordsSatisfyTheClickstreamContractAndAreKeyedByUser() throws CharacterCodingException {
        List<GeneratedRecord> good = sample.stream().filter(GeneratedRecord::isGood).limit(2_000).toList();
        for (GeneratedRecord record : good) {
            TopicSchemas.assertValid("clickstream", strictUtf8(record.value()));
        }
        for (int i = 0; i < good.size(); i++) {
            assertThat(good.get(i).key()).isEqualTo(goodEvents.get(i).get("user_id").asText());
        }
    }

    @Test
    void funnelMatchesTheTaobaoSample() {
        Map<String, Long> types = goodEvents.stream()
                .collect(Collectors.groupingBy(event -> event.get("type").asText(), Collectors.counting()));
        double total = goodEvents.size();

        assertThat(types.keySet()).containsExactlyInAnyOrder(
                "view", "click", "add_to_cart", "remove_from_cart", "purchase", "search", "signup", "login");
        assertThat((types.get("view") + types.get("click")) / total).isCloseTo(0.89, within(0.01));
        assertThat(types.get("add_to_cart") / total).isCloseTo(0.055, within(0.005));
        assertThat(types.get("purchase") / total).isCloseTo(0.023, within(0.003));
        assertThat(types.get("click") / (double) (types.get("view") + types.get("click"))).isBetween(0.03, 0.10);
    }

    @Test
    void sessionsMatchTheDigineticaSample() {
        Map<String, Integer> browseEventsPerSession = new HashMap<>();
        for (JsonNode event : goodEvents) {
            if (isBrowse(event) && event.has("session_id")) {
                browseEventsPerSession.merge(event.get("session_id").asText(), 1, Integer::sum);
            }
        }
        int[] lengths = browseEventsPerSession.values().stream().mapToInt(Integer::intValue).toArray();
        double withoutSessionId = goodEvents.stream().filter(event -> !event.has("session_id")).count()
                / (double) goodEvents.size();

        assertThat(Arrays.stream(lengths).average().orElseThrow()).isCloseTo(4.15, within(0.25));
        assertThat(Arrays.stream(lengths).filter(length -> length == 1).count() / (double) lengths.length)
                .isCloseTo(0.31, within(0.03));
        assertThat(Arrays.stream(lengths).filter(length -> length >= 10).count() / (double) lengths.length)
                .isCloseTo(0.096, within(0.02));
        assertThat(withoutSessionId).isCloseTo(0.20, within(0.02));
    }

    @Test
    void sessionsStayInACategoryAndItemPopularityIsZipfLike() {
        Map<String, String> lastCategory = new HashMap<>();
        Map<String, Integer> views = new HashMap<>();
        int pairs = 0;
        int sameCategory = 0;
        for (JsonNode event : goodEvents) {
            if (isBrowse(event) && event.has("session_id")) {
                views.merge(event.get("item_id").asText(), 1, Integer::sum);
                String category = event.get("category_id").asText();
                String previous = lastCategory.put(event.get("session_id").asText(), category);
                if (previous != null) {
                    pairs++;
                    sameCategory += previous.equals(category) ? 1 : 0;
                }
            }
        }
        assertThat(sameCategory / (double) pairs).isGreaterThan(0.75);
        assertThat(rankFrequencySlope(views, 1_000)).isBetween(0.7, 1.3);
    }

    /** A successor-count recommender trained on the first half must beat popularity clearly, but not be perfect. */
    @Test
    void nextItemIsLearnableButNotTrivial() {
        Map<String, String> lastItem = new HashMap<>();
        Map<String, Map<String, Integer>> successors = new HashMap<>();
        Map<String, Integer> popularity = new HashMap<>();
        List<String[]> testPairs = new ArrayList<>();
        for (int i = 0; i < goodEvents.size(); i++) {
            JsonNode event = goodEvents.get(i);
            if (!isBrowse(event) || !event.has("session_id")) {
                continue;
            }
            String item = event.get("item_id").asText();
            String previous = lastItem.put(event.get("session_id").asText(), item);
            if (i < goodEvents.size() / 2) {
                popularity.merge(item, 1, Integer::sum);
                if (previous != null) {
                    successors.computeIfAbsent(previous, key -> new HashMap<>()).merge(item, 1, Integer::sum);
                }
            } else if (previous != null) {
                testPairs.add(new String[] {previous, item});
            }
        }
        List<String> mostPopular = topKeys(popularity, 20);
        int popularityHits = 0;
        int successorHits = 0;
        int successorTopOneHits = 0;
        for (String[] pair : testPairs) {
            List<String> bySuccession = topKeys(successors.getOrDefault(pair[0], Map.of()), 20);
            popularityHits += mostPopular.contains(pair[1]) ? 1 : 0;
            successorHits += bySuccession.contains(pair[1]) ? 1 : 0;
            successorTopOneHits += !bySuccession.isEmpty() && bySuccession.get(0).equals(pair[1]) ? 1 : 0;
        }
        double popularityHitRate = popularityHits / (double) testPairs.size();
        double successorHitRate = successorHits / (double) testPairs.size();

        assertThat(successorHitRate).isGreaterThan(2 * popularityHitRate).isGreaterThan(0.3);
        assertThat(successorTopOneHits / (double) testPairs.size()).isLessThan(0.5);
    }

    @Test
    void usersKeepTheirContextAndPurchasesAreComplete() {
        Map<String, JsonNode> contextByUser = new HashMap<>();
        int purchases = 0;
        for (JsonNode event : goodEvents) {
            JsonNode known = contextByUser.putIfAbsent(event.get("user_id").asText(), event.get("context"));
            if (known != null) {
                assertThat(event.get("context")).isEqualTo(known);
            }
            if (event.get("type").asText().equals("purchase")) {
                purchases++;
                assertThat(event.has("order_id")).isTrue();
                JsonNode payment = event.get("payment");
                assertThat(payment.get("amount").asDouble())
                        .isCloseTo(event.get("price").asDouble() * event.path("quantity").asInt(1), within(0.005));
                assertThat(payment.get("currency").asText()).isEqualTo("USD");
            }
            if (event.get("type").asText().equals("click")) {
                assertThat(event.has("rec_id")).isTrue();
            }
        }
        assertThat(purchases).isPositive();
        assertThat(contextByUser.size()).isGreaterThan(1_000);
    }

    /** The job derives sessions by a 30-minute gap; the generator must make that derivation exact. */
    @Test
    void sessionsOfAUserAreSeparatedByMoreThanThirtyMinutes() {
        Map<String, JsonNode> previousByUser = new HashMap<>();
        int sessionChanges = 0;
        for (JsonNode event : goodEvents) {
            if (!event.has("session_id")) {
                continue;
            }
            JsonNode previous = previousByUser.put(event.get("user_id").asText(), event);
            if (previous == null) {
                continue;
            }
            long gapMs = epochMs(event) - epochMs(previous);
            if (previous.get("session_id").equals(event.get("session_id"))) {
                assertThat(gapMs).isLessThanOrEqualTo(UserPool.SESSION_GAP_MS);
            } else {
                sessionChanges++;
                assertThat(gapMs).isGreaterThan(UserPool.SESSION_GAP_MS);
            }
        }
        assertThat(sessionChanges).isPositive();
    }

    @Test
    void eventTimesAdvanceAtTheRateMostlyInOrder() {
        long latest = Long.MIN_VALUE;
        int late = 0;
        for (JsonNode event : goodEvents) {
            long time = epochMs(event);
            if (time < latest) {
                late++;
                assertThat(latest - time).isLessThanOrEqualTo(ClickstreamGenerator.MAX_LATENESS_MS);
            }
            latest = Math.max(latest, time);
        }
        assertThat(late / (double) goodEvents.size()).isBetween(0.002, 0.02);
        long expectedEnd = SAMPLE_SETTINGS.startEpochMs() + (long) ((SAMPLE_SIZE - 1) * 1000 / SAMPLE_SETTINGS.eventsPerSecond());
        assertThat(latest).isBetween(expectedEnd - 1_000, expectedEnd);
        assertThat(epochMs(goodEvents.get(0))).isGreaterThanOrEqualTo(SAMPLE_SETTINGS.startEpochMs() - 5_000);
        assertThat(goodEvents).anyMatch(event -> event.get("event_time").isTextual())
                .anyMatch(event -> event.get("event_time").isNumber());
    }

    @Test
    void defaultSharesOfMalformedAndDuplicateRecordsHold() {
        Map<DefectKind, Long> counts = new EnumMap<>(DefectKind.class);
        sample.stream().filter(record -> !record.isGood())
                .forEach(record -> counts.merge(DefectKind.fromCode(record.injectedDefect()), 1L, Long::sum));
        long duplicates = counts.getOrDefault(DefectKind.DUPLICATE, 0L);
        long malformed = counts.values().stream().mapToLong(Long::longValue).sum() - duplicates;

        assertThat(malformed / (double) SAMPLE_SIZE).isCloseTo(0.005, within(0.001));
        assertThat(duplicates / (double) SAMPLE_SIZE).isCloseTo(0.002, within(0.0006));
    }

    @Test
    void everyDefectKindAppearsIsCountedAndIsReallyInvalid() throws IOException {
        ClickstreamGenerator generator = new ClickstreamGenerator(
                GeneratorSettings.defaults().withMalformedShare(0.05).withDuplicateShare(0.01));
        List<GeneratedRecord> records = generator.stream(30_000).toList();
        Set<ByteBuffer> earlierGood = new HashSet<>();
        Map<DefectKind, Long> seen = new EnumMap<>(DefectKind.class);
        for (GeneratedRecord record : records) {
            if (record.isGood()) {
                earlierGood.add(ByteBuffer.wrap(record.value()));
                continue;
            }
            DefectKind kind = DefectKind.fromCode(record.injectedDefect());
            seen.merge(kind, 1L, Long::sum);
            assertThat(indexOfNewline(record.value())).as("newline in %s", record).isEqualTo(-1);
            switch (kind) {
                case DUPLICATE -> assertThat(earlierGood).contains(ByteBuffer.wrap(record.value()));
                case NON_UTF8 -> assertThatThrownBy(() -> strictUtf8(record.value()))
                        .isInstanceOf(CharacterCodingException.class);
                case OVERSIZE -> assertThat(record.value().length).isGreaterThan(DefectKind.MAX_RECORD_BYTES);
                case MALFORMED_JSON, TRUNCATED_JSON -> assertThat(contractViolations(record))
                        .singleElement().asString().startsWith("not JSON");
                case MISSING_USER_ID -> {
                    assertThat(record.key()).isNull();
                    assertThat(contractViolations(record)).isNotEmpty();
                }
                default -> assertThat(contractViolations(record)).as(record.toString()).isNotEmpty();
            }
        }
        assertThat(seen.keySet()).containsExactlyInAnyOrder(DefectKind.values());
        assertThat(generator.injectedCounts()).isEqualTo(seen);
    }

    @Test
    void jsonLinesFileHoldsOneRecordPerLine(@TempDir Path directory) throws IOException {
        GeneratorSettings settings = GeneratorSettings.defaults().withMalformedShare(0.05);
        Path file = directory.resolve("events.jsonl");
        long written = new ClickstreamGenerator(settings).writeJsonLines(file, 5_000);
        List<GeneratedRecord> records = new ClickstreamGenerator(settings).stream(5_000).toList();

        byte[] content = Files.readAllBytes(file);
        List<byte[]> lines = splitLines(content);
        assertThat(written).isEqualTo(5_000);
        assertThat(lines).hasSize(5_000);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i)).isEqualTo(records.get(i).value());
        }
    }

    @Test
    void iteratorAndStreamAreBounded() {
        ClickstreamGenerator generator = new ClickstreamGenerator(GeneratorSettings.defaults().withEvents(123));
        assertThat(generator.stream()).hasSize(123);
        var iterator = generator.iterator(2);
        iterator.next();
        iterator.next();
        assertThat(iterator.hasNext()).isFalse();
        assertThatThrownBy(iterator::next).isInstanceOf(java.util.NoSuchElementException.class);
        assertThat(generator.recordsGenerated()).isEqualTo(125);
    }

    /** One user and one item at a million events/s: the 30-minute rest cannot hold, but generation must go on. */
    @Test
    void worksWithTinyPopulationsAndHighRates() {
        GeneratorSettings tiny = GeneratorSettings.defaults().withUsers(1).withCatalog(1, 1).withEventsPerSecond(1e6);
        List<GeneratedRecord> records = new ClickstreamGenerator(tiny).stream(2_000).toList();

        assertThat(records).hasSize(2_000);
        assertThat(records.stream().filter(GeneratedRecord::isGood).map(GeneratedRecord::key).distinct()).hasSize(1);
    }

    @Test
    void settingsRejectNonsense() {
        GeneratorSettings defaults = GeneratorSettings.defaults();
        assertThatThrownBy(() -> defaults.withUsers(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("users");
        assertThatThrownBy(() -> defaults.withCatalog(10, 11)).hasMessageContaining("categories");
        assertThatThrownBy(() -> defaults.withMalformedShare(-0.1)).hasMessageContaining("malformedShare");
        assertThatThrownBy(() -> defaults.withMalformedShare(0.6).withDuplicateShare(0.5))
                .hasMessageContaining("malformedShare + duplicateShare");
        assertThatThrownBy(() -> defaults.withEventsPerSecond(0)).hasMessageContaining("eventsPerSecond");
        assertThatThrownBy(() -> defaults.withEventsPerSecond(Double.NaN)).hasMessageContaining("eventsPerSecond");
        assertThatThrownBy(() -> defaults.withStartEpochMs(0)).hasMessageContaining("startEpochMs");
        assertThatThrownBy(() -> defaults.withEvents(-1)).hasMessageContaining("events");
    }

    private static boolean isBrowse(JsonNode event) {
        String type = event.get("type").asText();
        return type.equals("view") || type.equals("click");
    }

    private static long epochMs(JsonNode event) {
        JsonNode time = event.get("event_time");
        return time.isNumber() ? time.asLong() : Instant.parse(time.asText()).toEpochMilli();
    }

    private static List<String> contractViolations(GeneratedRecord record) {
        return TopicSchemas.violations("clickstream", record.valueAsString());
    }

    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static List<String> topKeys(Map<String, Integer> counts, int limit) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit).map(Map.Entry::getKey).toList();
    }

    /** Least-squares slope of log(count) over log(rank) for the top ranks, sign flipped: the Zipf exponent. */
    private static double rankFrequencySlope(Map<String, Integer> counts, int topRanks) {
        int[] sorted = counts.values().stream().sorted(Comparator.reverseOrder()).mapToInt(Integer::intValue)
                .limit(topRanks).toArray();
        double meanX = 0;
        double meanY = 0;
        for (int rank = 0; rank < sorted.length; rank++) {
            meanX += Math.log(rank + 1) / sorted.length;
            meanY += Math.log(sorted[rank]) / sorted.length;
        }
        double covariance = 0;
        double variance = 0;
        for (int rank = 0; rank < sorted.length; rank++) {
            double dx = Math.log(rank + 1) - meanX;
            covariance += dx * (Math.log(sorted[rank]) - meanY);
            variance += dx * dx;
        }
        return -covariance / variance;
    }

    private static int indexOfNewline(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static List<byte[]> splitLines(byte[] content) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < content.length; i++) {
            if (content[i] == '\n') {
                lines.add(Arrays.copyOfRange(content, start, i));
                start = i + 1;
            }
        }
        assertThat(start).as("file ends with a newline").isEqualTo(content.length);
        return lines;
    }
}
