package dev.funnelflow.flink;

import dev.funnelflow.alerts.fraud.RiskEvent;
import dev.funnelflow.control.ForgetUser;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's serializer contract for fraud detection's keyed input: events and forget commands. */
class FraudInputSerializerTest extends SerializerTestBase<FraudInput> {

    FraudInputSerializerTest() {
        super(FieldByFieldEquality.of(FraudInput.class));
    }

    @Override
    protected TypeSerializer<FraudInput> createSerializer() {
        return FraudInputSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<FraudInput> getTypeClass() {
        return FraudInput.class;
    }

    @Override
    protected FraudInput[] getTestData() {
        return new FraudInput[] {FraudInput.of(RiskEvent.of(ClickEventSerializerTest.PURCHASE)),
                FraudInput.of(new ForgetUser("forget-1", 5_000L, "u1"))};
    }
}
