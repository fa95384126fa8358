package dev.funnelflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.testutils.DeeplyEqualsChecker;

/** For serializer tests of types whose {@code equals} compares arrays by reference: every field, NaN included. */
final class FieldByFieldEquality {

    private FieldByFieldEquality() {}

    static DeeplyEqualsChecker of(Class<?> type) {
        return new DeeplyEqualsChecker().withCustomCheck(
                (a, b) -> type.isInstance(a) && type.isInstance(b),
                (a, b, checker) -> equal(a, b));
    }

    private static boolean equal(Object a, Object b) {
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
