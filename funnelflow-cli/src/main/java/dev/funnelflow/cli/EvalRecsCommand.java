package dev.funnelflow.cli;

import dev.funnelflow.eval.EvalMeta;
import dev.funnelflow.eval.RecsEvaluator;
import dev.funnelflow.eval.RecsReport;
import dev.funnelflow.importer.Importer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code eval recs}: prequential next-item metrics of a recommendations file, as {@code eval_recs.py} scores. */
@Command(
        name = "recs",
        mixinStandardHelpOptions = true,
        description = {
            "Prequential next-item evaluation of recommendations against the events they were made on (the "
                    + "protocol of ../shared/tools/eval_recs.py, with which it agrees).",
            "Every view/click after the first of its session is a target; it is a hit when its item is in the "
                    + "top k of the latest recommendation for its session anchored before it. Only test sessions "
                    + "(first event at or after the test start) count, unless --all.",
            "Prints one JSON object: k, events, hits, hr, mrr, coverage, catalog_coverage, then cutoffs and "
                    + "diagnostics."
        })
public final class EvalRecsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--events", required = true, paramLabel = "FILE",
            description = "Clickstream events (JSON lines, sorted by event time), e.g. from 'import'.")
    private Path events;

    @Option(names = "--recommendations", required = true, paramLabel = "FILE",
            description = "Recommendations (JSON lines), e.g. DIR/recommendations.jsonl from 'replay'.")
    private Path recommendations;

    @Option(names = "--k", defaultValue = "20", paramLabel = "K",
            description = "List length for HR@k and MRR@k (default: ${DEFAULT-VALUE}).")
    private int k;

    @Option(names = "--from", paramLabel = "T",
            description = "Test start, ISO-8601 (2016-05-25T00:00:00Z) or epoch ms; overrides the meta file.")
    private String from;

    @Option(names = "--meta", paramLabel = "FILE",
            description = "Meta file with test_start_ms (default: <events>.meta.json when it exists).")
    private Path meta;

    @Option(names = "--all", description = "Evaluate every session (no train/test split).")
    private boolean all;

    @Override
    public Integer call() throws IOException {
        Cli.requireFile(spec, events, "--events");
        Cli.requireFile(spec, recommendations, "--recommendations");
        if (k < 1) {
            throw new ParameterException(spec.commandLine(), "--k must be >= 1, got " + k);
        }
        if (all && from != null) {
            throw new ParameterException(spec.commandLine(), "--all and --from contradict each other; use one");
        }
        EvalMeta evalMeta = readMeta();
        RecsEvaluator evaluator = new RecsEvaluator(k, testStartMs(evalMeta),
                evalMeta == null ? Set.of() : evalMeta.namedSubsetSessions());
        RecsReport report = evaluator.evaluate(events, recommendations);
        PrintWriter out = spec.commandLine().getOut();
        out.println(report.toJson());
        out.flush();
        return 0;
    }

    private EvalMeta readMeta() throws IOException {
        Path path = meta;
        if (path == null) {
            Path beside = Importer.metaPath(events);
            if (!Files.exists(beside)) {
                return null;
            }
            path = beside;
        }
        Cli.requireFile(spec, path, "--meta");
        try {
            return EvalMeta.read(path);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--meta: cannot read " + path + ": " + e.getMessage());
        }
    }

    private Long testStartMs(EvalMeta evalMeta) {
        if (all) {
            return null;
        }
        if (from != null) {
            Long parsed = RecsEvaluator.parseTime(from);
            if (parsed == null) {
                throw new ParameterException(spec.commandLine(),
                        "--from: cannot parse '" + from + "' (expected ISO-8601 or epoch ms)");
            }
            return parsed;
        }
        if (evalMeta == null) {
            return null;
        }
        if (!evalMeta.declaresTestStart()) {
            throw new ParameterException(spec.commandLine(),
                    "the meta file has no test_start_ms; pass --from T or --all");
        }
        return evalMeta.testStartMs();
    }
}
