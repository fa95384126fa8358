package dev.funnelflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.alerts.Alert;
import dev.funnelflow.alerts.AlertSuppression;
import dev.funnelflow.alerts.cart.Cart;
import dev.funnelflow.alerts.cart.CartLine;
import dev.funnelflow.alerts.churn.PurchaseHistory;
import dev.funnelflow.alerts.fraud.DistinctRecent;
import dev.funnelflow.alerts.fraud.RuleBook;
import dev.funnelflow.alerts.fraud.UserRiskState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The alert operators' state and wire types get Flink's POJO serializer, never the Kryo fallback. */
class AlertFlinkTypesTest {

    @ParameterizedTest
    @ValueSource(classes = {Alert.class, UserRiskState.class, AlertSuppression.class,
            DistinctRecent.class, RuleBook.Entry.class, Cart.class, CartLine.class, PurchaseHistory.class})
    void isAFlinkPojo(Class<?> type) {
        assertThat(TypeInformation.of(type)).isInstanceOf(PojoTypeInfo.class);
    }
}
