package dev.funnelflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.config.AlertOptions;
import dev.funnelflow.config.ControlOptions;
import dev.funnelflow.config.DemandOptions;
import dev.funnelflow.config.FraudOptions;
import dev.funnelflow.config.FunnelFlowOptions;
import dev.funnelflow.config.PrivacyOptions;
import dev.funnelflow.config.RankingOptions;
import dev.funnelflow.io.KafkaOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README stays a front page that names the command CI runs; docs/configuration.md documents every option; no
 * relative link in the README or the docs points at a file that is not there.
 */
class ReadmeTest {

    /** Past this, the README is turning back into a lab notebook: long-form content goes to docs/. */
    private static final int MAX_README_LINES = 300;

    /** An inline Markdown link's target, without an optional title. */
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    /** Fenced code blocks and inline code, where brackets and parentheses are code, not links. */
    private static final Pattern CODE = Pattern.compile("(?s)```.*?```|`[^`\\n]*`");

    private final String readme = read(Path.of("README.md"));
    private final String configuration = read(Path.of("docs/configuration.md"));

    @ParameterizedTest
    @ValueSource(classes = {FunnelFlowOptions.class, KafkaOptions.class, DemandOptions.class, AlertOptions.class, FraudOptions.class,
            RankingOptions.class, PrivacyOptions.class, ControlOptions.class})
    void documentsEveryOption(Class<?> options) throws Exception {
        for (Field field : options.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigOption.class) {
                ConfigOption<?> option = (ConfigOption<?>) field.get(null);
                assertThat(configuration).as("docs/configuration.md documents %s", option.key())
                        .contains("| `" + option.key() + "` |");
            }
        }
    }

    @Test
    void testCommandIsWhatCiRuns() {
        assertThat(read(Path.of(".ci/run"))).contains("\nmvn -B verify\n");
        assertThat(readme).contains("\nmvn -B verify\n");
    }

    @Test
    void readmeIsAFrontPage() {
        assertThat(readme.lines().count()).as("README.md lines").isLessThanOrEqualTo(MAX_README_LINES);
    }

    @Test
    void everyRelativeLinkPointsAtAFile() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            Matcher link = LINK.matcher(CODE.matcher(read(page)).replaceAll(""));
            while (link.find()) {
                String target = link.group(1);
                if (target.startsWith("#") || target.matches("[a-z][a-z0-9+.-]*:.*")) {
                    continue; // an anchor on the same page, or http:, https:, mailto:
                }
                String file = target.replaceFirst("#.*", "");
                Path dir = page.toAbsolutePath().getParent();
                if (!Files.exists(dir.resolve(file).normalize())) {
                    broken.add(page + " -> " + target);
                }
            }
        }
        assertThat(broken).as("links to missing files").isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
