package dev.funnelflow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code funnelflow} command line: {@code java -jar target/funnelflow.jar <command> --help}. */
@Command(name = "funnelflow", mixinStandardHelpOptions = true, version = "FunnelFlow 0.1",
        description = "Real-time conversion engine: Kafka clickstream to recommendations, alerts and forecasts on Apache Flink.",
        subcommands = {DemoCommand.class, ImportCommand.class, ReplayCommand.class, EvalCommand.class,
                TrainCommand.class, ForecastCommand.class, BenchCommand.class, GenerateCommand.class, ControlCliCommand.class,
                CommandLine.HelpCommand.class})
public final class FunnelFlow {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new FunnelFlow())
                .setExecutionExceptionHandler((error, commandLine, parseResult) -> {
                    Throwable cause = rootCause(error);
                    commandLine.getErr().println(commandLine.getCommandName() + ": " + cause.getMessage());
                    return cause instanceof IllegalArgumentException ? 2 : 1;
                });
    }

    /** Flink wraps user-facing failures (a missing topic, a bad option) several levels deep. */
    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? error : cause;
    }
}
