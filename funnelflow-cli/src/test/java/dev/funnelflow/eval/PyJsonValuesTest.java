package dev.funnelflow.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected values are what {@code parse_time} and {@code repr} of eval_recs.py's Python 3.11 return. */
class PyJsonValuesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "2016-05-09T00:08:46.309Z       | 1462752526309",
        "2016-05-09T02:08:46.309+02:00  | 1462752526309",
        "2016-05-09 00:08:46            | 1462752526000",
        "2016-05-09                     | 1462752000000",
        "1462752526309                  | 1462752526309",
        "-5                             | -5",
        "2016-05-09T00:08:46.3095Z      | 1462752526310",
        "2016-05-09T00:08:46.3085Z      | 1462752526308",
        "2016-05-09T00:08:46.123456789Z | 1462752526123",
        "'  2016-05-09T00:08Z '         | 1462752480000",
        "1969-12-31T23:59:59.9995Z      | 0",
        "yesterday                      | null",
        "2016-05-09T24:00Z              | null",
        "--5                            | null",
        "2016-05-09T0x:08:46.309Z       | null",
        "2016-02-30T00:08:46.309Z       | null",
    })
    void parsesTimesLikeTheReferenceScorer(String text, Long expectedMs) {
        assertThat(PyJsonValues.timeMs(text)).isEqualTo(expectedMs);
    }

    @Test
    void fastPathForCanonicalTimesAgreesWithTheGeneralParser() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            long ms = random.nextLong(-2_000_000_000_000L, 4_000_000_000_000L);
            String canonical = Instant.ofEpochMilli(ms).toString(); // drops a zero fraction: both lengths occur
            String withOffset = canonical.substring(0, canonical.length() - 1) + "+00:00";

            assertThat(PyJsonValues.timeMs(canonical)).as(canonical).isEqualTo(ms);
            assertThat(PyJsonValues.timeMs(withOffset)).as(withOffset).isEqualTo(ms);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "123.0     | 123.0",
        "1.5       | 1.5",
        "1e16      | 1e+16",
        "1e15      | 1000000000000000.0",
        "1e-5      | 1e-05",
        "0.0001    | 0.0001",
        "-0.0      | -0.0",
        "2.5e-7    | 2.5e-07",
        "1.5e300   | 1.5e+300",
        "12345678901234567.0 | 1.2345678901234568e+16",
    })
    void formatsFloatsLikePythonRepr(double value, String expected) {
        assertThat(PyJsonValues.pyFloatRepr(value)).isEqualTo(expected);
    }
}
