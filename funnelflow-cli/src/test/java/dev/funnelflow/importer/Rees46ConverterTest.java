package dev.funnelflow.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class Rees46ConverterTest {
    private final RowConverter converter = new Rees46Converter();

    @Test
    void viewWithPriceCategoryAndSession() throws BadRowException {
        ClickEvent event = converter.convert("2019-10-01 00:00:05 UTC,view,44600062,2103807459595387724,,shiseido,"
                + "35.79,541312140,72d76fde-8bb3-4e00-8c23-a032dfed738c", "r46-2");

        assertThat(event).isEqualTo(RowConverter.event("r46-2", Instant.parse("2019-10-01T00:00:05Z").toEpochMilli(),
                "541312140", "72d76fde-8bb3-4e00-8c23-a032dfed738c", EventType.VIEW, "44600062",
                "2103807459595387724", 35.79, 1, null));
    }

    @Test
    void eventTypesMapToOurTypes() throws BadRowException {
        String rest = ",1,2,,,1.00,3,s";
        assertThat(converter.convert("2019-10-01 00:00:00 UTC,cart" + rest, "x").type())
                .isEqualTo(EventType.ADD_TO_CART);
        assertThat(converter.convert("2019-10-01 00:00:00 UTC,remove_from_cart" + rest, "x").type())
                .isEqualTo(EventType.REMOVE_FROM_CART);
        assertThat(converter.convert("2019-10-01 00:00:00 UTC,purchase" + rest, "x").type())
                .isEqualTo(EventType.PURCHASE);
    }

    @Test
    void emptySessionAndPriceAreLeftOut() throws BadRowException {
        ClickEvent event = converter.convert("2019-10-01 00:00:00 UTC,view,1,2,,,,3,", "x");

        assertThat(event.sessionId()).isNull();
        assertThat(event.price()).isNull();
    }

    @Test
    void malformedRowsAreRejectedWithAReason() {
        assertThatThrownBy(() -> converter.convert("2019-10-01T00:00:00Z,view,1,2,,,1.0,3,s", "x"))
                .hasMessageContaining("event_time is not 'YYYY-MM-DD HH:MM:SS UTC'");
        assertThatThrownBy(() -> converter.convert("2019-10-01 00:00:00 UTC,like,1,2,,,1.0,3,s", "x"))
                .hasMessage("unknown event_type 'like'");
        assertThatThrownBy(() -> converter.convert("2019-10-01 00:00:00 UTC,view,1,2,,,cheap,3,s", "x"))
                .hasMessageContaining("price is not a number");
    }
}
