package dev.funnelflow.cli;

import dev.funnelflow.alerts.AlertKind;
import dev.funnelflow.eval.AlertLabels;
import dev.funnelflow.eval.AlertsEvaluator;
import dev.funnelflow.eval.AlertsReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code eval alerts}: precision, recall, F1 and ROC AUC of alerts against labelled users (DESIGN.md §4). */
@Command(
        name = "alerts",
        mixinStandardHelpOptions = true,
        description = {
            "Scores alerts against labelled users. Every user of the events file is in the population; users "
                    + "not in the labels file are negatives. A user is flagged when at least one alert of the "
                    + "kind names them; their score is the maximum alert score, 0 if never alerted.",
            "Labels: CSV with header user_id,label,scenario (label 1 = attacker, 0 = not; scenario optional).",
            "Prints one JSON object: kind, precision, recall, f1, auc, users, positives, flagged, "
                    + "true_positives, by_scenario."
        })
public final class EvalAlertsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--events", required = true, paramLabel = "FILE",
            description = "Clickstream events (JSON lines) the alerts were raised on.")
    private Path events;

    @Option(names = "--labels", required = true, paramLabel = "FILE", description = "Labelled users (CSV).")
    private Path labels;

    @Option(names = "--alerts", required = true, paramLabel = "FILE",
            description = "Alerts (JSON lines), e.g. DIR/alerts.jsonl from 'replay'.")
    private Path alerts;

    @Option(names = "--kind", defaultValue = "fraud", paramLabel = "KIND",
            description = "Alert kind to evaluate: fraud, churn_risk or cart_abandonment (default: ${DEFAULT-VALUE}).")
    private String kind;

    @Override
    public Integer call() throws IOException {
        Cli.requireFile(spec, events, "--events");
        Cli.requireFile(spec, labels, "--labels");
        Cli.requireFile(spec, alerts, "--alerts");
        if (AlertKind.fromWireName(kind).isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--kind must be one of "
                    + String.join(", ", Arrays.stream(AlertKind.values()).map(AlertKind::wireName).toList())
                    + ", got '" + kind + "'");
        }
        Map<String, AlertLabels.Label> truth;
        try {
            truth = AlertLabels.read(labels);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--labels: " + e.getMessage(), e);
        }
        AlertsReport report = new AlertsEvaluator(kind).evaluate(events, truth, alerts);
        PrintWriter out = spec.commandLine().getOut();
        out.println(report.toJson());
        out.flush();
        return 0;
    }
}
