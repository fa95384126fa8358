package dev.funnelflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** A misspelt {@code funnelflow.*} key fails the start instead of leaving its default silently in force. */
class KnownOptionsTest {

    @Test
    void aMisspeltPrivacyKeyFailsTheStartNamingTheKeyItMeant() {
        Configuration config = JobConfig.load(null, Map.of("funnelflow.privacy.hmac-secret-fle", "/run/secret"));

        assertThatThrownBy(() -> JobSettings.from(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown option 'funnelflow.privacy.hmac-secret-fle'"
                        + " (did you mean 'funnelflow.privacy.hmac-secret-file'?)");
    }

    @Test
    void kafkaClientPropertiesAndFlinkKeysPassUnchecked() {
        Configuration config = JobConfig.load(null, Map.of(
                "funnelflow.kafka.properties.security.protocol", "SASL_SSL",
                "state.backend.rocksdb.some-future-key", "x"));

        assertThat(JobSettings.from(config).maxClockSkew()).isEqualTo(java.time.Duration.ofMinutes(5));
    }

    @Test
    void everyUnknownKeyIsListed() {
        Configuration config = JobConfig.load(null, Map.of("funnelflow.recs.kk", "3", "funnelflow.ingest.late", "x"));

        assertThatThrownBy(() -> JobSettings.from(config))
                .hasMessageContaining("'funnelflow.ingest.late'")
                .hasMessageContaining("'funnelflow.recs.kk' (did you mean 'funnelflow.recs.k'?)");
    }

    @Test
    void aClockSkewBeyondTheAllowedLatenessIsRefused() {
        Configuration config = JobConfig.load(null, Map.of(
                "funnelflow.ingest.max-clock-skew", "2 h", "funnelflow.ingest.allowed-lateness", "1 h"));

        assertThatThrownBy(() -> JobSettings.from(config))
                .hasMessageStartingWith("funnelflow.ingest.max-clock-skew must not exceed"
                        + " funnelflow.ingest.allowed-lateness");
    }

    /** The bundled definition, the deployment files, the README and docs/*.md use no key the job would refuse. */
    @Test
    void everyKeyTheRepositoryMentionsIsKnown() throws IOException {
        Pattern key = Pattern.compile("funnelflow\\.[a-z][a-z0-9.-]*[a-z0-9]");
        List<Path> files;
        try (Stream<Path> deploy = Files.walk(Path.of("deploy")); Stream<Path> docs = Files.list(Path.of("docs"))) {
            files = Stream.of(Stream.of(Path.of("flink-jobs/clickstream.yaml"), Path.of("README.md")),
                    docs.filter(p -> p.toString().endsWith(".md")),
                    deploy.filter(Files::isRegularFile).filter(p -> !p.toString().contains("-lib")))
                    .flatMap(stream -> stream).toList();
        }
        for (Path file : files) {
            Matcher matcher = key.matcher(Files.readString(file));
            while (matcher.find()) {
                String found = matcher.group();
                if (found.startsWith("funnelflow.kafka.properties") || !inAnOptionNamespace(found)
                        || isNamespace(found)) {
                    continue;
                }
                assertThat(KnownOptions.keys()).as(file + " mentions " + found).contains(found);
            }
        }
    }

    /** Not {@code funnelflow.jar} and the like: the first part after the prefix is that of some option. */
    private static boolean inAnOptionNamespace(String found) {
        String namespace = found.split("\\.")[1];
        return KnownOptions.keys().stream().anyMatch(known -> known.split("\\.")[1].equals(namespace));
    }

    /** Prose names groups of keys, e.g. {@code funnelflow.recs.*}. */
    private static boolean isNamespace(String found) {
        return KnownOptions.keys().stream().anyMatch(known -> known.startsWith(found + "."));
    }
}
