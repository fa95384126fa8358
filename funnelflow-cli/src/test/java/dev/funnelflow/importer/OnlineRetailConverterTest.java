package dev.funnelflow.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OnlineRetailConverterTest {
    private final RowConverter converter = new OnlineRetailConverter();

    @Test
    void invoiceLineIsAPurchaseInItsProductRange() throws BadRowException {
        ClickEvent event = converter.convert("\"557055\",\"23203\",\"JUMBO BAG DOILEY PATTERNS\",20,"
                + "\"2011-06-16 14:45:00\",2.08,12621,\"Germany\"", "uci-3");

        assertThat(event).isEqualTo(RowConverter.event("uci-3", Instant.parse("2011-06-16T14:45:00Z").toEpochMilli(),
                "12621", "557055", EventType.PURCHASE, "23203", "23", 2.08, 20, "557055"));
    }

    @Test
    void quotedFieldsMayHoldCommasAndQuotes() throws BadRowException {
        ClickEvent event = converter.convert("536365,85123A,\"WHITE HANGING HEART T-LIGHT HOLDER, \"\"LARGE\"\"\",6,"
                + "12/1/2010 8:26,2.55,17850,United Kingdom", "x");

        assertThat(event.itemId()).isEqualTo("85123A");
        assertThat(event.eventTime()).isEqualTo(Instant.parse("2010-12-01T08:26:00Z").toEpochMilli());
    }

    @Test
    void customerWithoutIdIsOneAnonymousUserPerInvoice() throws BadRowException {
        ClickEvent event = converter.convert(
                "546306,21733,RED HANGING HEART T-LIGHT HOLDER,2,2011-03-10 16:16:00,2.95,NA,United Kingdom", "x");

        assertThat(event.userId()).isEqualTo("guest-546306");
    }

    @Test
    void cancellationsAdjustmentsAndNonProductsAreSkippedWithAReason() {
        assertThatThrownBy(() -> converter.convert(
                "C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527,United Kingdom", "x"))
                .hasMessage("cancellation C536379");
        assertThatThrownBy(() -> converter.convert(
                "572516,22336,damaged,-71,2011-10-24 14:45:00,0,NA,United Kingdom", "x"))
                .hasMessage("adjustment: Quantity -71");
        assertThatThrownBy(() -> converter.convert(
                "536370,POST,POSTAGE,3,2010-12-01 08:45:00,18,12583,France", "x"))
                .hasMessage("not a product: stock code 'POST'");
    }

    @Test
    void malformedRowsAreRejectedWithAReason() {
        assertThatThrownBy(() -> converter.convert("1,21733,x,2,2011-03-10T16:16:00Z,2.95,1,UK", "x"))
                .hasMessageContaining("InvoiceDate is not");
        assertThatThrownBy(() -> converter.convert("1,21733,x,two,2011-03-10 16:16:00,2.95,1,UK", "x"))
                .hasMessage("Quantity is not an integer: 'two'");
        assertThatThrownBy(() -> converter.convert("1,21733,\"x,2,2011-03-10 16:16:00,2.95,1,UK", "x"))
                .hasMessage("unterminated quoted field");
        assertThatThrownBy(() -> converter.convert("1,21733,x, y,2,2011-03-10 16:16:00,2.95,1,UK", "x"))
                .hasMessage("expected 8 fields, found 9");
    }
}
