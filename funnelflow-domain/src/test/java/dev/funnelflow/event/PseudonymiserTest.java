package dev.funnelflow.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PseudonymiserTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final String EVENT = "{\"event_id\":\"e1\",\"event_time\":1767225600000,\"user_id\":\"u1\","
            + "\"session_id\":\"s1\",\"type\":\"purchase\",\"item_id\":\"i1\",\"price\":3.5,\"order_id\":\"o1\","
            + "\"context\":{\"device_id\":\"dev-1\",\"ip\":\"10.0.0.1\",\"user_agent\":\"Mozilla\",\"country\":\"DE\"},"
            + "\"payment\":{\"method\":\"card\",\"card_fingerprint\":\"fp-1\",\"amount\":3.5,\"currency\":\"EUR\"}}";

    private final Pseudonymiser pseudonymiser = new Pseudonymiser(SECRET);

    @Test
    void pseudonymIsTheTruncatedHmacSha256InHex() {
        // Reference values: Python's hmac.new(secret, id, hashlib.sha256).hexdigest()[:32].
        assertThat(pseudonymiser.pseudonym("u1")).isEqualTo("39536bc0c20e6efcd22ec30bb96eec5a");
        assertThat(pseudonymiser.pseudonym("10.0.0.1")).isEqualTo("d094ec1a13557b71fd948daa21a9db71");
        assertThat(pseudonymiser.pseudonym("u1")).as("stable across calls").isEqualTo("39536bc0c20e6efcd22ec30bb96eec5a");
        assertThat(pseudonymiser.pseudonym(null)).isNull();
    }

    @Test
    void anotherSecretGivesOtherPseudonyms() {
        byte[] other = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8);
        assertThat(new Pseudonymiser(other).pseudonym("u1")).isNotEqualTo(pseudonymiser.pseudonym("u1"));
    }

    @Test
    void replacesIdentifiersSessionOrderAndCardAndKeepsEverythingElse() {
        ClickEvent event = new EventParser(4096, Duration.ofDays(3650))
                .parse(EVENT.getBytes(StandardCharsets.UTF_8), new RecordOrigin("clickstream", 1, 7, 42)).event();

        ClickEvent pseudonymous = pseudonymiser.pseudonymise(event);

        assertThat(pseudonymous.userId()).isEqualTo("39536bc0c20e6efcd22ec30bb96eec5a");
        assertThat(pseudonymous.context().ip()).isEqualTo("d094ec1a13557b71fd948daa21a9db71");
        assertThat(pseudonymous.context().deviceId()).isEqualTo("38c875f7da1fd956cc672766f56cf388");
        assertThat(pseudonymous.payment().cardFingerprint()).isEqualTo(pseudonymiser.pseudonym("fp-1"));
        assertThat(pseudonymous.sessionId()).isEqualTo(pseudonymiser.pseudonym("s1"));
        assertThat(pseudonymous.orderId()).isEqualTo(pseudonymiser.pseudonym("o1"));
        assertThat(pseudonymous).usingRecursiveComparison().ignoringFields("userId", "context.ip", "context.deviceId",
                "payment.cardFingerprint", "sessionId", "orderId").isEqualTo(event);
    }

    @Test
    void aSearchKeepsNothingOfItsQuery() {
        ClickEvent search = new EventParser(4096, Duration.ofDays(3650)).parse(("{\"event_id\":\"e3\","
                + "\"event_time\":1767225600000,\"user_id\":\"u1\",\"type\":\"search\",\"query\":\"ann smith\"}")
                .getBytes(StandardCharsets.UTF_8), new RecordOrigin("clickstream", 0, 0)).event();

        assertThat(pseudonymiser.pseudonymise(search).query()).isEqualTo(pseudonymiser.pseudonym("ann smith"))
                .doesNotContain("ann");
    }

    @Test
    void eventsWithoutContextKeepNone() {
        ClickEvent event = new EventParser(4096, Duration.ofDays(3650)).parse(
                "{\"event_id\":\"e2\",\"event_time\":1767225600000,\"user_id\":\"u1\",\"type\":\"login\"}"
                        .getBytes(StandardCharsets.UTF_8), new RecordOrigin("clickstream", 0, 0)).event();

        assertThat(pseudonymiser.pseudonymise(event).context()).isNull();
        assertThat(pseudonymiser.pseudonymise(event).payment()).isNull();
        assertThat(pseudonymiser.pseudonymise(event).sessionId()).isNull();
        assertThat(pseudonymiser.pseudonymise(event).userId()).isEqualTo("39536bc0c20e6efcd22ec30bb96eec5a");
    }
}
