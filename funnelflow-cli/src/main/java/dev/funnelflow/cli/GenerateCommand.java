package dev.funnelflow.cli;

import dev.funnelflow.generator.ClickstreamGenerator;
import dev.funnelflow.generator.GeneratorSettings;
import dev.funnelflow.generator.ScenarioInjector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code generate}: the demo's traffic as a clickstream file, e.g. to replay, train on or load-test with. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Writes generated clickstream events (the demo's traffic: sessions over a Zipf catalogue, carts,"
                + " purchases, a few defective records) as JSON lines, in event-time order; optionally with labelled attacks.")
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--events", defaultValue = "100000", description = "Records to write (default: ${DEFAULT-VALUE}).")
    private long events;

    @Option(names = "--rate", defaultValue = "100", paramLabel = "EVENTS/S",
            description = "Records per second of event time, which sets the span the file covers (default: ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = "--users", defaultValue = "100000", description = "Shoppers (default: ${DEFAULT-VALUE}).")
    private int users;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed: same seed, same file (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--clean", description = "No malformed or duplicate records.")
    private boolean clean;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "The JSON-lines file to write.")
    private Path output;

    @Option(names = "--attacks", defaultValue = "0", paramLabel = "N",
            description = "Labelled attacks per fraud scenario merged into the traffic (default: ${DEFAULT-VALUE}).")
    private int attacks;

    @Option(names = "--labels", paramLabel = "FILE",
            description = "With --attacks: where to write the attackers (CSV user_id,label,scenario for 'eval alerts').")
    private Path labels;

    @Override
    public Integer call() throws IOException {
        if (events < 1 || rate <= 0 || users < 1) {
            throw new ParameterException(spec.commandLine(), "--events, --rate and --users must be positive");
        }
        if (attacks < 0 || (attacks > 0) != (labels != null)) {
            throw new ParameterException(spec.commandLine(), "--attacks must be >= 0, and --labels is given with it");
        }
        GeneratorSettings settings = GeneratorSettings.defaults().withSeed(seed).withUsers(users).withEvents(events)
                .withEventsPerSecond(rate);
        if (clean) {
            settings = settings.withMalformedShare(0).withDuplicateShare(0);
        }
        ClickstreamGenerator generator = new ClickstreamGenerator(settings);
        if (attacks > 0) {
            // The attacks draw from their own stream of the seed, so the shoppers' records stay those of plain traffic.
            new ScenarioInjector(seed).write(generator, events, attacks, output, labels);
        } else {
            generator.writeJsonLines(output, events);
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "{\"output\":\"%s\",\"events\":%d,\"seed\":%d,\"hours\":%.1f}%n",
                output, events, seed, events / rate / 3600);
        return 0;
    }
}
