package dev.funnelflow.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelflow.alerts.churn.BgNbdFit;
import dev.funnelflow.alerts.churn.BgNbdFitter;
import dev.funnelflow.alerts.churn.ChurnModel;
import dev.funnelflow.alerts.churn.CustomerHistory;
import dev.funnelflow.alerts.churn.PurchaseLog;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code train churn}: fits the BG/NBD churn model to the purchases in an events file (DESIGN.md §4). */
@Command(
        name = "churn",
        mixinStandardHelpOptions = true,
        description = {
            "Fits the BG/NBD repeat-purchase model (Fader, Hardie & Lee 2005) by maximum likelihood to the "
                    + "purchase events of a clickstream file, counting purchases per customer and UTC day, in weeks.",
            "Writes DIR/" + ChurnModel.FILE_NAME + ": the parameters (r, alpha, a, b) with their model card "
                    + "(version, training span, customers, log-likelihood). Prints a one-line JSON summary."
        })
public final class TrainChurnCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--events", required = true, paramLabel = "FILE",
            description = "Clickstream events (JSON lines) with purchases, e.g. from 'import'.")
    private Path events;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Models directory to write to.")
    private Path output;

    @Option(names = "--end", paramLabel = "T", converter = TimeConverter.class,
            description = "End of observation, ISO-8601 or epoch ms (default: the last event's time); "
                    + "later purchases are ignored.")
    private Long end;

    @Override
    public Integer call() throws Exception {
        Cli.requireFile(spec, events, "--events");
        if (Files.isRegularFile(output)) {
            throw new ParameterException(spec.commandLine(), "--output is a file, expected a directory: " + output);
        }
        PurchaseLog log = PurchaseLog.read(events);
        long observationEnd = end != null ? end : log.lastEventTime();
        Map<String, CustomerHistory> histories = log.historiesBefore(observationEnd);
        if (histories.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no purchases before the end of observation in " + events);
        }
        BgNbdFit fit = new BgNbdFitter().fit(histories.values());
        ChurnModel model = ChurnModel.of(fit, log, observationEnd, events.toString(), Instant.now());
        Path file = model.write(output);

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("model", file.toString());
        summary.put("model_version", model.modelVersion());
        summary.put("customers", fit.customers());
        summary.put("repeat_customers", histories.values().stream().filter(c -> c.x() > 0).count());
        summary.put("r", fit.parameters().r());
        summary.put("alpha", fit.parameters().alpha());
        summary.put("a", fit.parameters().a());
        summary.put("b", fit.parameters().b());
        summary.put("log_likelihood", fit.logLikelihood());
        PrintWriter out = spec.commandLine().getOut();
        out.println(new ObjectMapper().writeValueAsString(summary));
        out.flush();
        return 0;
    }
}
