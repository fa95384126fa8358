package dev.funnelflow.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.funnelflow.eval.ListOutcomes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eval ab}: CTR and CVR of the served lists per model version, i.e. per A/B arm. */
@Command(
        name = "ab",
        mixinStandardHelpOptions = true,
        description = {
            "Compares the arms of an A/B split by what users did after the lists they were served: per model_version"
                    + " (each arm serves its own models; 'none' = unranked), the share of lists with an item viewed or"
                    + " clicked within the click window (list_ctr), with an item bought within the convert window"
                    + " (list_cvr), and the share of served items viewed or clicked (item_ctr).",
            "Prints one JSON object: {\"arms\":[{\"model_version\",\"lists\",\"items\",\"list_ctr\",\"list_cvr\",\"item_ctr\"}]}."
        })
public final class EvalAbCommand implements Callable<Integer> {

    private static final ObjectMapper JSON =
            new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    @Spec
    private CommandSpec spec;

    @Option(names = "--events", required = true, paramLabel = "FILE", description = "The clickstream the lists were served on.")
    private Path events;

    @Option(names = "--recommendations", required = true, paramLabel = "FILE", description = "The served lists (JSON lines).")
    private Path recommendations;

    @Option(names = "--click-window", defaultValue = "30m", converter = DurationConverter.class,
            description = "A view or click this long after the list counts (default: ${DEFAULT-VALUE}).")
    private Duration clickWindow;

    @Option(names = "--convert-window", defaultValue = "24h", converter = DurationConverter.class,
            description = "A purchase this long after the list counts (default: ${DEFAULT-VALUE}).")
    private Duration convertWindow;

    @Override
    public Integer call() throws IOException {
        Cli.requireFile(spec, events, "--events");
        Cli.requireFile(spec, recommendations, "--recommendations");
        List<ListOutcomes.Arm> arms = ListOutcomes.evaluate(events, recommendations, clickWindow.toMillis(),
                convertWindow.toMillis());
        spec.commandLine().getOut().println(JSON.writeValueAsString(Map.of("arms", arms)));
        return 0;
    }
}
