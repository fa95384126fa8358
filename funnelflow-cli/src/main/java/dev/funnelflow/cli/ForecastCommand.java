package dev.funnelflow.cli;

import dev.funnelflow.demand.ArimaModel;
import dev.funnelflow.demand.AutoArima;
import dev.funnelflow.demand.Forecast;
import dev.funnelflow.io.DemandForecastJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code forecast}: the job's ARIMA code on a CSV series (DESIGN.md §4). */
@Command(
        name = "forecast",
        mixinStandardHelpOptions = true,
        description = {
            "Fits the job's automatic ARIMA (stepwise AICc search; mean, naive or drift for short series) to a CSV "
                    + "with header time,value and forecasts the points after the last row.",
            "Prints one JSON object shaped like a demand-forecasts record: history_points, model {p, d, q, "
                    + "seasonal, params, aic} and forecast [{time or step, mean, lo80, hi80, lo95, hi95}]; time when "
                    + "the CSV's times are a regular ISO-8601 axis (months, dates, date-times), else step. The chosen "
                    + "model's name goes to stderr."
        })
public final class ForecastCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "CSV with header time,value; lines starting with # are skipped.")
    private Path input;

    @Option(names = "--horizon", paramLabel = "H",
            description = "Points to forecast (default: two seasons with --season, else 10).")
    private Integer horizon;

    @Option(names = "--season", defaultValue = "1", paramLabel = "M",
            description = "Season length in rows, e.g. 12 for monthly, 7 for daily, 24 for hourly data"
                    + " (default ${DEFAULT-VALUE}: none).")
    private int season;

    @Option(names = "--plot", paramLabel = "FILE.svg",
            description = "Also draw history, forecast and 80%%/95%% intervals as an SVG file.")
    private Path plot;

    @Override
    public Integer call() throws IOException {
        Cli.requireFile(spec, input, "--input");
        if (season < 1) {
            throw new ParameterException(spec.commandLine(), "--season must be >= 1, got " + season);
        }
        int steps = horizon != null ? horizon : season > 1 ? 2 * season : 10;
        if (steps < 1) {
            throw new ParameterException(spec.commandLine(), "--horizon must be >= 1, got " + steps);
        }
        if (plot != null && !plot.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg")) {
            throw new ParameterException(spec.commandLine(), "--plot: only SVG is supported, name the file *.svg");
        }
        SeriesCsv series = readSeries();
        double[] values = series.values();
        if (values.length < 2) {
            throw new ParameterException(spec.commandLine(),
                    "--input: need at least 2 rows to forecast, got " + values.length);
        }
        ArimaModel model = new AutoArima(season).fit(values);
        Forecast forecast = model.forecast(values, steps);
        Optional<List<String>> times = TimeAxis.continuation(series.times(), steps);

        PrintWriter out = spec.commandLine().getOut();
        out.println(DemandForecastJson.standalone(model, forecast, times.orElse(null)));
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        err.println("forecast: " + model.name() + " on " + values.length + " points");
        err.flush();
        if (plot != null) {
            List<String> labels = times.isPresent()
                    ? List.of(series.times().get(0), series.times().get(values.length - 1), times.get().get(steps - 1))
                    : List.of("1", String.valueOf(values.length), "+" + steps);
            Files.writeString(plot, ForecastPlot.svg(values, forecast, model.name() + " — " + input.getFileName(),
                    labels), StandardCharsets.UTF_8);
        }
        return 0;
    }

    private SeriesCsv readSeries() throws IOException {
        try {
            return SeriesCsv.read(input);
        } catch (SeriesCsv.BadCsvException e) {
            throw new ParameterException(spec.commandLine(), "--input " + input + ": " + e.getMessage());
        }
    }
}
