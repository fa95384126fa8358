package dev.funnelflow.flink.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.alerts.fraud.CrossKeyLookup;
import dev.funnelflow.alerts.fraud.CrossKeySightings;
import dev.funnelflow.control.ForgetUser;
import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventContext;
import dev.funnelflow.event.EventType;
import dev.funnelflow.event.RecordOrigin;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FraudBacklogTest {

    private static final long WAIT = 60_000;

    @Test
    void browsingAndForgetsWithNothingHeldGoStraightOn() {
        FraudBacklog backlog = new FraudBacklog();
        FraudInput view = input("v1", EventType.VIEW);
        FraudInput forget = FraudInput.of(new ForgetUser("forget-1", 0L, "u"), Long.MIN_VALUE);
        assertThat(view.awaitsSightings()).isFalse();
        assertThat(backlog.accept(view, 0)).containsExactly(view);
        assertThat(backlog.accept(forget, 1)).containsExactly(forget);
        assertThat(backlog.isEmpty()).isTrue();
    }

    @Test
    void aTransactionalEventHoldsBackTheUsersLaterInputsUntilItsSightingsCome() {
        FraudBacklog backlog = new FraudBacklog();
        FraudInput signup = input("signup", EventType.SIGNUP);
        FraudInput view = input("v1", EventType.VIEW);
        FraudInput forget = FraudInput.of(new ForgetUser("forget-1", 0L, "u"), Long.MIN_VALUE);
        assertThat(signup.awaitsSightings()).isTrue();
        assertThat(backlog.accept(signup, 0)).isEmpty();
        assertThat(backlog.accept(view, 1)).as("behind the signup").isEmpty();
        assertThat(backlog.accept(forget, 2)).as("a forget is not let past either").isEmpty();

        List<FraudInput> ready = backlog.attach(sightings("signup", 5L), 3);

        assertThat(ready).hasSize(3);
        assertThat(ready.get(0).event().event()).isSameAs(signup.event().event());
        assertThat(ready.get(0).awaitsSightings()).isFalse();
        assertThat(ready.subList(1, 3)).containsExactly(view, forget);
        assertThat(ready.get(0).event().sightings().deviceUserTimes()).containsExactly(5L);
        assertThat(backlog.isEmpty()).isTrue();
    }

    @Test
    void aLaterEventsSightingsFirstReleaseNothingUntilTheEarlierEventsCome() {
        FraudBacklog backlog = new FraudBacklog();
        backlog.accept(input("signup", EventType.SIGNUP), 0);
        backlog.accept(input("purchase", EventType.PURCHASE), 1);

        assertThat(backlog.attach(sightings("purchase", 7L), 2)).isEmpty();
        List<FraudInput> ready = backlog.attach(sightings("signup", 6L), 3);

        assertThat(ready).extracting(input -> input.event().event().eventId()).containsExactly("signup", "purchase");
        assertThat(ready).extracting(input -> input.event().sightings().deviceUserTimes()[0]).containsExactly(6L, 7L);
        assertThat(backlog.isEmpty()).isTrue();
    }

    @Test
    void sightingsBeforeTheirEventWaitForIt() {
        FraudBacklog backlog = new FraudBacklog();
        assertThat(backlog.attach(sightings("purchase", 7L), 0)).isEmpty();
        assertThat(backlog.isEmpty()).isFalse();

        List<FraudInput> ready = backlog.accept(input("purchase", EventType.PURCHASE), 1);

        assertThat(ready).singleElement().satisfies(input -> {
            assertThat(input.awaitsSightings()).isFalse();
            assertThat(input.event().sightings().deviceUserTimes()).containsExactly(7L);
        });
        assertThat(backlog.isEmpty()).isTrue();
    }

    @Test
    void overdueSightingsAreGivenUpOnAndStraySightingsDropped() {
        FraudBacklog backlog = new FraudBacklog();
        backlog.accept(input("lost", EventType.LOGIN), 0);
        backlog.accept(input("v1", EventType.VIEW), 10);
        backlog.accept(input("in-time", EventType.PURCHASE), 30_000);
        backlog.attach(sightings("never-sent", 1L), 20);
        AtomicInteger givenUp = new AtomicInteger();

        assertThat(backlog.releaseOverdue(WAIT - 1, WAIT, givenUp::incrementAndGet)).isEmpty();
        List<FraudInput> ready = backlog.releaseOverdue(WAIT + 20, WAIT, givenUp::incrementAndGet);

        assertThat(ready).extracting(input -> input.event().event().eventId()).containsExactly("lost", "v1");
        assertThat(ready.get(0).event().sightings()).isEqualTo(CrossKeySightings.NONE);
        assertThat(givenUp).hasValue(1);
        assertThat(backlog.early()).as("stray sightings dropped").isEmpty();
        assertThat(backlog.held()).as("the purchase still has time").hasSize(1);
        assertThat(backlog.releaseOverdue(30_000 + WAIT, WAIT, givenUp::incrementAndGet)).hasSize(1);
        assertThat(backlog.isEmpty()).isTrue();
    }

    private static FraudInput input(String id, EventType type) {
        return FraudInput.inUserOrder(UserInput.of(new ClickEvent(id, 1_000L, "u", "s", type, null, null, null, 1,
                null, null, null, new EventContext("d", "1.2.3.4", "agent", "DE", "web"), null,
                new RecordOrigin("clickstream", 0, 0))));
    }

    private static CrossKeyLookup sightings(String eventId, long deviceUserTime) {
        return new CrossKeyLookup(eventId, "u", 1_000L, "d", "1.2.3.4",
                new CrossKeySightings(new long[] {deviceUserTime}, new long[] {deviceUserTime}));
    }
}
