package dev.funnelflow.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelflow.event.EventType;
import org.junit.jupiter.api.Test;

class TaobaoConverterTest {
    private final RowConverter converter = new TaobaoConverter();

    @Test
    void pageViewWithSecondsTimestampAndCategory() throws BadRowException {
        assertThat(converter.convert("543462,1715,1464116,pv,1511658000", "tb-1")).isEqualTo(
                RowConverter.event("tb-1", 1_511_658_000_000L, "543462", null, EventType.VIEW, "1715", "1464116", null,
                        1, null));
    }

    @Test
    void behavioursMapToOurTypes() throws BadRowException {
        assertThat(converter.convert("1,2,3,cart,1511658000", "x").type()).isEqualTo(EventType.ADD_TO_CART);
        assertThat(converter.convert("1,2,3,buy,1511658000", "x").type()).isEqualTo(EventType.PURCHASE);
        assertThat(converter.convert("1,2,3,fav,1511658000", "x").type()).isEqualTo(EventType.CLICK);
    }

    @Test
    void malformedRowsAreRejectedWithAReason() {
        assertThatThrownBy(() -> converter.convert("1,2,3,like,1511658000", "x"))
                .hasMessage("unknown behavior 'like'");
        assertThatThrownBy(() -> converter.convert("1,2,3,pv", "x")).hasMessage("expected 5 fields, found 4");
        assertThatThrownBy(() -> converter.convert("1,2,3,pv,99999999999999999", "x"))
                .hasMessageContaining("timestamp out of range");
    }
}
