package dev.funnelflow.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventJson;
import dev.funnelflow.event.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class YoochooseConverterTest {
    private final RowConverter converter = new YoochooseConverter();
    private final long time = Instant.parse("2014-04-07T10:51:09.277Z").toEpochMilli();

    @Test
    void fourFieldsAreAClick() throws BadRowException {
        assertThat(converter.convert("1,2014-04-07T10:51:09.277Z,214536502,S", "yc-1")).isEqualTo(
                RowConverter.event("yc-1", time, "yc-s1", "1", EventType.VIEW, "214536502", "S", null, 1, null));
    }

    @Test
    void categoryZeroMeansMissing() throws BadRowException {
        assertThat(converter.convert("1,2014-04-07T10:51:09.277Z,214536502,0", "yc-1").categoryId()).isNull();
    }

    @Test
    void fiveFieldsAreABuy() throws BadRowException {
        assertThat(converter.convert("420374,2014-04-07T10:51:09.277Z,214537888,12462,1", "yc-7")).isEqualTo(
                RowConverter.event("yc-7", time, "yc-s420374", "420374", EventType.PURCHASE, "214537888", null,
                        12462.0, 1, null));
    }

    @Test
    void zeroPriceAndQuantityAreUnknownAndLeftOut() throws BadRowException {
        ClickEvent buy = converter.convert("420374,2014-04-07T10:51:09.277Z,214537888,0,0", "yc-7");

        assertThat(buy.price()).isNull();
        assertThat(buy.quantity()).as("absent: the contract's 1").isEqualTo(1);
        assertThat(new String(EventJson.encode(buy), StandardCharsets.UTF_8)).doesNotContain("price", "quantity");
    }

    @Test
    void malformedRowsAreRejectedWithAReason() {
        assertThatThrownBy(() -> converter.convert("1,2014-04-07T10:51:09.277Z,214536502", "x"))
                .hasMessage("expected 4 fields (click) or 5 (buy), found 3");
        assertThatThrownBy(() -> converter.convert("1,2014-04-07 10:51,214536502,0", "x"))
                .hasMessageContaining("timestamp is not ISO-8601");
        assertThatThrownBy(() -> converter.convert("1,2014-04-07T10:51:09.277Z,2145,-3,1", "x"))
                .hasMessageContaining("price is not a finite number >= 0");
    }
}
