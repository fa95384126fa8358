package dev.funnelflow.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelflow.alerts.churn.BgNbdParameters;
import dev.funnelflow.alerts.churn.ChurnEvaluation;
import dev.funnelflow.alerts.churn.PurchaseLog;
import java.io.PrintWriter;
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

/** {@code eval churn}: calibration/holdout evaluation of BG/NBD churn scores against a recency baseline. */
@Command(
        name = "churn",
        mixinStandardHelpOptions = true,
        description = {
            "Splits the purchases of an events file at a calibration date, fits BG/NBD on the calibration "
                    + "period, and scores every customer of it for 'buys again in the holdout period'.",
            "Prints one JSON object: customers, holdout_buyers, ROC AUC of P(alive), of the expected holdout "
                    + "purchases and of recency alone (the baseline); the same for repeat customers only (P(alive) "
                    + "is 1 for everyone without a repeat purchase); then the fitted parameters."
        })
public final class EvalChurnCommand implements Callable<Integer> {

    private static final long WEEK_MS = 7 * 86_400_000L;

    @Spec
    private CommandSpec spec;

    @Option(names = "--events", required = true, paramLabel = "FILE",
            description = "Clickstream events (JSON lines) with purchases.")
    private Path events;

    @Option(names = "--calibration-end", paramLabel = "T", converter = TimeConverter.class,
            description = "Start of the holdout period, ISO-8601 or epoch ms (default: --holdout-weeks before "
                    + "the holdout end).")
    private Long calibrationEnd;

    @Option(names = "--holdout-end", paramLabel = "T", converter = TimeConverter.class,
            description = "End of the holdout period (default: the last event's time).")
    private Long holdoutEnd;

    @Option(names = "--holdout-weeks", defaultValue = "13", paramLabel = "W",
            description = "Holdout length when --calibration-end is not given (default: ${DEFAULT-VALUE}).")
    private int holdoutWeeks;

    @Override
    public Integer call() throws Exception {
        Cli.requireFile(spec, events, "--events");
        if (holdoutWeeks < 1) {
            throw new ParameterException(spec.commandLine(), "--holdout-weeks must be >= 1, got " + holdoutWeeks);
        }
        PurchaseLog log = PurchaseLog.read(events);
        long end = holdoutEnd != null ? holdoutEnd : log.lastEventTime();
        long split = calibrationEnd != null ? calibrationEnd : end - holdoutWeeks * WEEK_MS;
        if (split >= end) {
            throw new ParameterException(spec.commandLine(), "--calibration-end must be before the holdout end "
                    + Instant.ofEpochMilli(end));
        }
        ChurnEvaluation evaluation;
        try {
            evaluation = ChurnEvaluation.run(log, split, end);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        BgNbdParameters p = evaluation.fit().parameters();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("customers", evaluation.customers());
        report.put("holdout_buyers", evaluation.holdoutBuyers());
        report.put("auc_p_alive", evaluation.aucProbabilityAlive());
        report.put("auc_expected_purchases", evaluation.aucExpectedPurchases());
        report.put("auc_recency", evaluation.aucRecency());
        report.put("repeat_customers", evaluation.repeatCustomers());
        report.put("auc_p_alive_repeaters", evaluation.aucProbabilityAliveRepeaters());
        report.put("auc_recency_repeaters", evaluation.aucRecencyRepeaters());
        report.put("calibration_end", Instant.ofEpochMilli(split).toString());
        report.put("holdout_end", Instant.ofEpochMilli(end).toString());
        Map<String, Double> params = new LinkedHashMap<>();
        params.put("r", p.r());
        params.put("alpha", p.alpha());
        params.put("a", p.a());
        params.put("b", p.b());
        report.put("params", params);
        report.put("log_likelihood", evaluation.fit().logLikelihood());
        PrintWriter out = spec.commandLine().getOut();
        out.println(new ObjectMapper().writeValueAsString(report));
        out.flush();
        return 0;
    }
}
