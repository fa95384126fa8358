package dev.funnelflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.testutils.DeeplyEqualsChecker;

/**
 * Flink's serializer contract (copies, reuse, snapshots, duplication, concurrent use) for one of the job's
 * hand-written serializers. Records with array fields compare their arrays by reference, so records are compared
 * field by field, NaN included.
 */
abstract class HandWrittenSerializerTest<T> extends SerializerTestBase<T> {

    private final TypeSerializer<T> serializer;
    private final Class<T> type;

    HandWrittenSerializerTest(TypeSerializer<T> serializer, Class<T> type) {
        super(new DeeplyEqualsChecker().withCustomCheck(
                (a, b) -> type.isInstance(a) && type.isInstance(b),
                (a, b, checker) -> equalFieldByField(a, b)));
        this.serializer = serializer;
        this.type = type;
    }

    @Override
    protected TypeSerializer<T> createSerializer() {
        return serializer;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<T> getTypeClass() {
        return type;
    }

    private static boolean equalFieldByField(Object a, Object b) {
        try {
            // Float.equals and Double.equals compare bits, so NaN equals NaN.
            assertThat(a).usingRecursiveComparison()
                    .withEqualsForType(Float::equals, Float.class).withEqualsForType(Double::equals, Double.class)
                    .isEqualTo(b);
            return true;
        } catch (AssertionError different) {
            return false;
        }
    }
}
