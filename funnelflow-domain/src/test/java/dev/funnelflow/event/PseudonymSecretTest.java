package dev.funnelflow.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymSecretTest {

    private static final String SECRET = "a-secret-of-at-least-thirty-two-bytes";

    @TempDir
    Path dir;

    @Test
    void readsTheSecretFromTheNamedEnvironmentVariable() {
        byte[] secret = new PseudonymSecret("FF_SECRET", null).read(Map.of("FF_SECRET", SECRET));

        assertThat(new String(secret, StandardCharsets.UTF_8)).isEqualTo(SECRET);
    }

    @Test
    void readsTheSecretFromAFileIgnoringATrailingLineBreak() throws Exception {
        Path file = Files.writeString(dir.resolve("secret"), SECRET + "\n");

        byte[] secret = new PseudonymSecret(null, file.toString()).read(Map.of());

        assertThat(new String(secret, StandardCharsets.UTF_8)).isEqualTo(SECRET);
    }

    @Test
    void failsClearlyWhenConfiguredButMissingWithoutRevealingAnything() throws Exception {
        assertThatThrownBy(() -> new PseudonymSecret("FF_SECRET", null).read(Map.of()))
                .hasMessage("the pseudonymisation secret's environment variable FF_SECRET is not set or empty");
        assertThatThrownBy(() -> new PseudonymSecret(null, dir.resolve("absent").toString()).read(Map.of()))
                .hasMessageContaining("file " + dir.resolve("absent")).hasMessageContaining("cannot be read");
        Path shortSecret = Files.writeString(dir.resolve("short"), "too-short-secret");
        assertThatThrownBy(() -> new PseudonymSecret(null, shortSecret.toString()).read(Map.of()))
                .hasMessageContaining("has 16 bytes; use at least 32")
                .message().doesNotContain("too-short-secret");
    }

    @Test
    void isEitherAnEnvironmentVariableOrAFile() {
        assertThat(PseudonymSecret.none().enabled()).isFalse();
        assertThat(PseudonymSecret.none().pseudonymiser(Map.of())).isNull();
        assertThatThrownBy(() -> new PseudonymSecret("FF_SECRET", "/run/secret"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
    }
}
