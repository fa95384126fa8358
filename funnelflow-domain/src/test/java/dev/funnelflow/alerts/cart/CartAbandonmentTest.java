package dev.funnelflow.alerts.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.funnelflow.alerts.Alert;
import dev.funnelflow.alerts.AlertJson;
import dev.funnelflow.alerts.AlertKind;
import dev.funnelflow.alerts.Reason;
import dev.funnelflow.alerts.Severity;
import dev.funnelflow.contract.TopicSchemas;
import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventType;
import dev.funnelflow.event.RecordOrigin;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CartAbandonmentTest {

    private static final long T0 = 1_793_577_600_000L;
    private static final long MINUTE = 60_000;
    private static final CartAbandonment RULE = new CartAbandonment(Duration.ofMinutes(30), 50, 200);

    @Test
    void cartHoldsAddedUnitsMinusRemovedAndBought() {
        Cart cart = Cart.empty()
                .apply(event("a1", EventType.ADD_TO_CART, "shoe", 2, 40.0, T0))
                .apply(event("a2", EventType.ADD_TO_CART, "sock", 1, 5.0, T0 + MINUTE))
                .apply(event("v1", EventType.VIEW, "hat", 1, 9.0, T0 + 2 * MINUTE))
                .apply(event("a3", EventType.ADD_TO_CART, "shoe", 1, 45.0, T0 + 3 * MINUTE))
                .apply(event("r1", EventType.REMOVE_FROM_CART, "sock", 1, null, T0 + 4 * MINUTE))
                .apply(event("p1", EventType.PURCHASE, "shoe", 1, 45.0, T0 + 5 * MINUTE));

        assertThat(cart.lines()).singleElement().satisfies(line -> {
            assertThat(line.itemId()).isEqualTo("shoe");
            assertThat(line.quantity()).isEqualTo(2);
            assertThat(line.price()).as("the latest price").isEqualTo(45.0);
        });
        assertThat(cart.value()).isEqualTo(90.0);
        assertThat(cart.evidenceEventIds()).containsExactly("a1", "a3");
        assertThat(cart.lastEventId()).isEqualTo("p1");
        assertThat(RULE.deadline(cart)).isEqualTo(T0 + 35 * MINUTE);
    }

    @Test
    void takingMoreThanTheCartHoldsEmptiesTheLineAndUnknownItemsAreIgnored() {
        Cart cart = Cart.empty()
                .apply(event("a1", EventType.ADD_TO_CART, "shoe", 1, 40.0, T0))
                .apply(event("p1", EventType.PURCHASE, "bag", 1, 10.0, T0 + 1))
                .apply(event("r1", EventType.REMOVE_FROM_CART, "ghost", 1, null, T0 + 2));
        assertThat(cart.units()).isEqualTo(1);
        assertThat(cart.apply(event("p2", EventType.PURCHASE, "shoe", 3, 40.0, T0 + 3)).isEmpty()).isTrue();
    }

    @Test
    void theIdleClockStartsAtTheLatestEventEvenOutOfOrder() {
        Cart cart = Cart.empty()
                .apply(event("a1", EventType.ADD_TO_CART, "shoe", 1, 40.0, T0 + 10_000))
                .apply(event("v0", EventType.VIEW, "hat", 1, null, T0));
        assertThat(cart.lastEventTime()).isEqualTo(T0 + 10_000);
        assertThat(cart.lastEventId()).isEqualTo("a1");
    }

    @Test
    void linesAndEvidenceAreBounded() {
        Cart cart = Cart.empty();
        for (int i = 0; i <= Cart.MAX_LINES; i++) {
            cart = cart.apply(event("a" + i, EventType.ADD_TO_CART, "item" + i, 1, 1.0, T0 + i));
        }
        assertThat(cart.lines()).hasSize(Cart.MAX_LINES);
        assertThat(cart.lines()[0].itemId()).as("the oldest line went").isEqualTo("item1");
        for (int i = 0; i < 10; i++) {
            cart = cart.apply(event("again" + i, EventType.ADD_TO_CART, "item1", 1, 1.0, T0 + 100 + i));
        }
        assertThat(cart.lines()[0].eventIds()).hasSize(Cart.MAX_EVIDENCE_PER_LINE).endsWith("again9");
        assertThat(cart.lines()[0].quantity()).isEqualTo(11);
    }

    @Test
    void alertCarriesReasonsEvidenceAndSeverityByValue() {
        Cart cart = Cart.empty()
                .apply(event("a1", EventType.ADD_TO_CART, "shoe", 2, 40.0, T0))
                .apply(event("a2", EventType.ADD_TO_CART, "sock", 1, 5.0, T0 + MINUTE));
        Alert alert = RULE.alert("u1", cart, T0 + 40 * MINUTE);

        assertThat(alert.alertId()).isEqualTo("cart_abandonment-a2");
        assertThat(alert.kind()).isEqualTo(AlertKind.CART_ABANDONMENT);
        assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(alert.score()).isCloseTo(85.0 / 135.0, within(1e-12));
        assertThat(alert.eventTime()).as("the deadline").isEqualTo(T0 + 31 * MINUTE);
        assertThat(alert.evidenceEventIds()).containsExactly("a1", "a2");
        assertThat(alert.modelVersion()).isNull();
        assertThat(Arrays.stream(alert.reasons()).map(Reason::code))
                .containsExactly("cart_idle_minutes", "cart_value", "cart_items");
        Reason value = alert.reasons()[1];
        assertThat(value.value()).isEqualTo(85.0);
        assertThat(value.threshold()).isEqualTo(50.0);
        assertThat(value.detail()).isEqualTo("Cart worth 85.00 left unbought (medium from 50, high from 200)");
        TopicSchemas.assertValid("alerts", new String(AlertJson.encode(alert), StandardCharsets.UTF_8));

        Cart cheap = Cart.empty().apply(event("a3", EventType.ADD_TO_CART, "gum", 1, null, T0));
        Alert low = RULE.alert("u1", cheap, T0);
        assertThat(low.severity()).as("no price, nothing known at stake").isEqualTo(Severity.LOW);
        assertThat(low.score()).isZero();
        Cart dear = cart.apply(event("a4", EventType.ADD_TO_CART, "coat", 1, 150.0, T0 + 2 * MINUTE));
        assertThat(RULE.alert("u1", dear, T0).severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void rejectsNonsenseSettings() {
        assertThatThrownBy(() -> new CartAbandonment(Duration.ZERO, 50, 200))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CartAbandonment(Duration.ofMinutes(30), 300, 200))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static ClickEvent event(String id, EventType type, String item, int quantity, Double price, long time) {
        return new ClickEvent(id, time, "u1", "s1", type, item, null, price, quantity, null, null, null, null, null,
                new RecordOrigin("clickstream", 0, 0));
    }
}
