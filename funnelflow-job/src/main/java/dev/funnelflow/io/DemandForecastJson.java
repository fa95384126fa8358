package dev.funnelflow.io;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.funnelflow.demand.ArimaModel;
import dev.funnelflow.demand.ArimaOrder;
import dev.funnelflow.demand.DemandForecast;
import dev.funnelflow.demand.Forecast;
import dev.funnelflow.json.JsonObjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Encodes demand forecasts: {@link #record} in the {@code demand-forecasts} topic's wire format (DESIGN.md §3,
 * {@code schemas/demand-forecasts.schema.json}; key = series, times ISO-8601 UTC), and {@link #standalone} as the
 * {@code forecast} command prints it (DESIGN.md §4): the same {@code model} object, forecast points by time or step.
 */
public final class DemandForecastJson {

    private static final long SECOND = 1000;

    private DemandForecastJson() {}

    public static OutputRecord record(DemandForecast forecast) {
        return new OutputRecord(forecast.series().getBytes(StandardCharsets.UTF_8), JsonObjects.object(json -> {
            json.writeStringField("series", forecast.series());
            json.writeStringField("window", window(forecast.windowMillis()));
            json.writeStringField("window_end", JsonObjects.time(forecast.windowEnd()));
            json.writeNumberField("history_points", forecast.model().fittedPoints());
            writeModel(json, forecast.model());
            writePoints(json, forecast.forecast(), step -> json.writeStringField("window_end",
                    JsonObjects.time(forecast.stepEnd(step))));
            json.writeStringField("emitted_at", JsonObjects.time(forecast.emittedAt()));
        }));
    }

    /**
     * The {@code forecast} command's object: {@code history_points}, {@code model}, and {@code forecast} points with
     * {@code time} when {@code times} continues the input's time axis, else {@code step} (1 = the next point).
     */
    public static String standalone(ArimaModel model, Forecast forecast, List<String> times) {
        byte[] bytes = JsonObjects.object(json -> {
            json.writeNumberField("history_points", model.fittedPoints());
            writeModel(json, model);
            writePoints(json, forecast, step -> {
                if (times != null) {
                    json.writeStringField("time", times.get(step - 1));
                } else {
                    json.writeNumberField("step", step);
                }
            });
        });
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A bucket length as the schema writes it: the largest unit that divides it, e.g. 1h, 15m, 1d, 1w. */
    public static String window(long millis) {
        long seconds = millis / SECOND;
        long[] unitSeconds = {7 * 86_400, 86_400, 3_600, 60, 1};
        String[] units = {"w", "d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (seconds % unitSeconds[i] == 0) {
                return seconds / unitSeconds[i] + units[i];
            }
        }
        throw new IllegalArgumentException("not a whole number of seconds: " + millis + " ms");
    }

    private static void writeModel(JsonGenerator json, ArimaModel model) throws IOException {
        ArimaOrder order = model.order();
        json.writeObjectFieldStart("model");
        json.writeNumberField("p", order.p());
        json.writeNumberField("d", order.d());
        json.writeNumberField("q", order.q());
        if (order.isSeasonal()) {
            json.writeObjectFieldStart("seasonal");
            json.writeNumberField("P", order.seasonalP());
            json.writeNumberField("D", order.seasonalD());
            json.writeNumberField("Q", order.seasonalQ());
            json.writeNumberField("m", order.period());
            json.writeEndObject();
        }
        json.writeObjectFieldStart("params");
        for (Map.Entry<String, Double> param : model.params().entrySet()) {
            json.writeNumberField(param.getKey(), param.getValue());
        }
        json.writeEndObject();
        double aic = model.aic();
        if (Double.isFinite(aic)) {
            json.writeNumberField("aic", aic);
        } else {
            json.writeNullField("aic"); // e.g. a constant series: zero variance, infinite likelihood
        }
        json.writeEndObject();
    }

    private interface StepField {
        void write(int step) throws IOException;
    }

    private static void writePoints(JsonGenerator json, Forecast forecast, StepField stepField) throws IOException {
        json.writeArrayFieldStart("forecast");
        for (int i = 0; i < forecast.horizon(); i++) {
            json.writeStartObject();
            stepField.write(i + 1);
            json.writeNumberField("mean", forecast.mean()[i]);
            json.writeNumberField("lo80", forecast.lo80()[i]);
            json.writeNumberField("hi80", forecast.hi80()[i]);
            json.writeNumberField("lo95", forecast.lo95()[i]);
            json.writeNumberField("hi95", forecast.hi95()[i]);
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
