package dev.funnelflow.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventType;
import org.junit.jupiter.api.Test;

class RetailrocketConverterTest {
    private final RowConverter converter = new RetailrocketConverter();

    @Test
    void eventsMapToOurTypesWithoutSession() throws BadRowException {
        assertThat(converter.convert("1433221332117,257597,view,355908,", "rr-2")).isEqualTo(
                RowConverter.event("rr-2", 1433221332117L, "257597", null, EventType.VIEW, "355908", null, null, 1,
                        null));
        assertThat(converter.convert("1433221332117,257597,addtocart,355908,", "rr-3").type())
                .isEqualTo(EventType.ADD_TO_CART);
    }

    @Test
    void transactionIsAPurchaseWithItsOrderId() throws BadRowException {
        ClickEvent purchase = converter.convert("1433222276276,599528,transaction,356475,4000", "rr-4");

        assertThat(purchase.type()).isEqualTo(EventType.PURCHASE);
        assertThat(purchase.orderId()).isEqualTo("4000");
    }

    @Test
    void malformedRowsAreRejectedWithAReason() {
        assertThatThrownBy(() -> converter.convert("1433221332117,257597,wishlist,355908,", "x"))
                .hasMessage("unknown event 'wishlist'");
        assertThatThrownBy(() -> converter.convert("yesterday,257597,view,355908,", "x"))
                .hasMessageContaining("timestamp is not an integer");
        assertThatThrownBy(() -> converter.convert("1433221332117,257597,view", "x"))
                .hasMessage("expected 5 fields, found 3");
    }
}
