package dev.funnelflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.DeadLetter;
import dev.funnelflow.event.EventType;
import dev.funnelflow.event.RecordOrigin;
import dev.funnelflow.job.JobConfig;
import dev.funnelflow.job.JobSettings;
import dev.funnelflow.profile.UserProfile;
import dev.funnelflow.recs.ItemSignal;
import dev.funnelflow.recs.RecommendationRequest;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserActivityFunctionTest {

    private static final long HOUR = 3_600_000;
    private KeyedOneInputStreamOperatorTestHarness<String, ClickEvent, ItemSignal> harness;

    @BeforeEach
    void open() throws Exception {
        JobSettings settings = JobSettings.from(JobConfig.load(null, Map.of("funnelflow.ingest.allowed-lateness", "1 h",
                "funnelflow.ranking.examples.sample-rate", "0", "funnelflow.ranking.examples.organic-sample-rate", "0")));
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new UserActivityFunction(settings), ClickEvent::userId, Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void browsingSendsSignalsAndARequestAndUpdatesTheProfile() throws Exception {
        harness.processElement(event("e1", EventType.VIEW, "a", 10 * HOUR), 10 * HOUR);
        harness.processElement(event("e2", EventType.VIEW, "b", 10 * HOUR + 1), 10 * HOUR + 1);

        List<ItemSignal> signals = harness.extractOutputValues();
        assertThat(signals).extracting(ItemSignal::key).containsExactly("i:a", "g:all", "i:b", "i:a", "g:all");
        List<RecommendationRequest> requests = sideOutput(UserActivityFunction.REQUESTS);
        assertThat(requests).hasSize(2);
        RecommendationRequest second = requests.get(1);
        assertThat(second.recId()).isEqualTo("rec-e2");
        assertThat(second.sessionId()).isEqualTo("s");
        assertThat(second.expectedLists()).isEqualTo(3);
        assertThat(second.excludedItems()).containsExactly("b");

        UserProfile profile = profile();
        assertThat(profile.count(EventType.VIEW)).isEqualTo(2);
        assertThat(profile.getSessionItems()).containsExactly("b", "a");
    }

    @Test
    void accountEventsUpdateTheProfileOnly() throws Exception {
        harness.processElement(event("e1", EventType.LOGIN, null, HOUR), HOUR);
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(sideOutput(UserActivityFunction.REQUESTS)).isEmpty();
        assertThat(profile().count(EventType.LOGIN)).isEqualTo(1);
    }

    @Test
    void resentEventsAreDeadLettered() throws Exception {
        harness.processElement(event("e1", EventType.VIEW, "a", HOUR), HOUR);
        harness.processElement(event("e1", EventType.VIEW, "a", HOUR), HOUR);
        List<DeadLetter> dead = sideOutput(DeadLetters.TAG);
        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.error()).isEqualTo("duplicate_event");
            assertThat(d.raw()).contains("\"event_id\":\"e1\"");
            assertThat(d.offset()).isEqualTo(7);
        });
        assertThat(profile().count(EventType.VIEW)).isEqualTo(1);
    }

    @Test
    void eventsFurtherBehindTheWatermarkThanAllowedAreDeadLettered() throws Exception {
        harness.processWatermark(new Watermark(10 * HOUR));
        harness.processElement(event("ok", EventType.VIEW, "a", 9 * HOUR + 1), 9 * HOUR + 1);
        harness.processElement(event("late", EventType.VIEW, "a", 9 * HOUR - 1), 9 * HOUR - 1);
        assertThat(sideOutput(DeadLetters.TAG)).singleElement()
                .satisfies(d -> assertThat(d.error()).isEqualTo("late_event"));
        assertThat(profile().count(EventType.VIEW)).isEqualTo(1);
    }

    private UserProfile profile() throws Exception {
        AbstractStreamOperator<?> operator = (AbstractStreamOperator<?>) harness.getOperator();
        operator.setCurrentKey("u");
        return operator.getKeyedStateBackend()
                .getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                        new ValueStateDescriptor<>("profile", UserProfile.class))
                .value();
    }

    @Test
    void onlyUsersWithALoggedListSendEventsToTheLabellerWhileItsWindowIsOpen() throws Exception {
        harness.close();
        JobSettings logging = JobSettings.from(JobConfig.load(null, Map.of(
                "funnelflow.ranking.examples.sample-rate", "1", "funnelflow.ranking.labels.convert-window", "1 h")));
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new UserActivityFunction(logging), ClickEvent::userId, Types.STRING);
        harness.processElement(event("e1", EventType.VIEW, "a", 10 * HOUR), 10 * HOUR);
        harness.processElement(event("e2", EventType.PURCHASE, "a", 10 * HOUR + 5), 10 * HOUR + 5);
        harness.processElement(event("e3", EventType.PURCHASE, "a", 12 * HOUR), 12 * HOUR);

        assertThat(sideOutput(UserActivityFunction.LABELLING_EVENTS)).extracting(ClickEvent::eventId)
                .containsExactly("e1", "e2");
    }

    @Test
    void aSampledViewCarriesItsItemForAnOrganicExampleAndOpensTheLabellingWindow() throws Exception {
        harness.close();
        JobSettings organic = JobSettings.from(JobConfig.load(null, Map.of("funnelflow.ranking.examples.sample-rate",
                "0", "funnelflow.ranking.examples.organic-sample-rate", "1")));
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new UserActivityFunction(organic), ClickEvent::userId, Types.STRING);
        harness.processElement(event("e1", EventType.VIEW, "a", 10 * HOUR), 10 * HOUR);
        harness.processElement(event("e2", EventType.ADD_TO_CART, "a", 10 * HOUR + 5), 10 * HOUR + 5);
        harness.processElement(event("e3", EventType.PURCHASE, "a", 10 * HOUR + 9), 10 * HOUR + 9);

        List<RecommendationRequest> requests = sideOutput(UserActivityFunction.REQUESTS);
        assertThat(requests.get(0).organic().itemId()).isEqualTo("a");
        assertThat(requests.get(0).organic().source()).isNull();
        assertThat(requests.get(1).organic()).as("organic examples are views").isNull();
        assertThat(sideOutput(UserActivityFunction.LABELLING_EVENTS)).extracting(ClickEvent::eventId)
                .containsExactly("e1", "e3");
    }

    @Test
    void withoutExampleLoggingNothingGoesToTheLabeller() throws Exception {
        harness.processElement(event("e1", EventType.VIEW, "a", 10 * HOUR), 10 * HOUR);
        harness.processElement(event("e2", EventType.VIEW, "b", 10 * HOUR + 1), 10 * HOUR + 1);
        assertThat(sideOutput(UserActivityFunction.LABELLING_EVENTS)).isEmpty();
    }

    private <T> List<T> sideOutput(org.apache.flink.util.OutputTag<T> tag) {
        var records = harness.getSideOutput(tag);
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
    }

    static ClickEvent event(String id, EventType type, String item, long time) {
        return new ClickEvent(id, time, "u", "s", type, item, null, null, 1, null, null, null, null, null,
                new RecordOrigin("clickstream", 0, 7));
    }
}
