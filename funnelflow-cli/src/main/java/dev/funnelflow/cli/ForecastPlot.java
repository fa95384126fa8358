package dev.funnelflow.cli;

import dev.funnelflow.demand.Forecast;
import java.util.List;
import java.util.Locale;

/**
 * A small hand-written SVG chart of a series and its forecast: history as a dark line, the forecast mean in blue
 * with its 95% (light) and 80% (darker) prediction bands, a dashed line where the forecast starts.
 */
final class ForecastPlot {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 420;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    private final double[] history;
    private final Forecast forecast;
    private final double low;
    private final double high;

    private ForecastPlot(double[] history, Forecast forecast) {
        this.history = history;
        this.forecast = forecast;
        double lowest = Double.POSITIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        for (double value : history) {
            lowest = Math.min(lowest, value);
            highest = Math.max(highest, value);
        }
        for (int i = 0; i < forecast.horizon(); i++) {
            lowest = Math.min(lowest, forecast.lo95()[i]);
            highest = Math.max(highest, forecast.hi95()[i]);
        }
        double pad = highest > lowest ? 0.05 * (highest - lowest) : 1;
        this.low = lowest - pad;
        this.high = highest + pad;
    }

    /**
     * The chart as an SVG document.
     *
     * @param labels x-axis labels: first and last history time, last forecast time (or step numbers)
     */
    static String svg(double[] history, Forecast forecast, String title, List<String> labels) {
        return new ForecastPlot(history, forecast).render(title, labels);
    }

    private String render(String title, List<String> labels) {
        int n = history.length;
        int h = forecast.horizon();
        StringBuilder svg = new StringBuilder(8192);
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\">%s</text>%n", LEFT,
                escape(title)));
        for (int tick = 0; tick <= 4; tick++) {
            double value = low + (high - low) * tick / 4;
            double y = y(value);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, WIDTH - RIGHT, y, y, LEFT - 6,
                    y + 4, escape(String.format(Locale.ROOT, "%.4g", value))));
        }
        svg.append(band(forecast.lo95(), forecast.hi95(), n, "#c6dbef"));
        svg.append(band(forecast.lo80(), forecast.hi80(), n, "#6baed6"));
        StringBuilder past = new StringBuilder();
        for (int i = 0; i < n; i++) {
            past.append(point(i, history[i]));
        }
        svg.append("<polyline fill=\"none\" stroke=\"#222\" stroke-width=\"1.5\" points=\"").append(past).append("\"/>\n");
        StringBuilder ahead = new StringBuilder(point(n - 1, history[n - 1]));
        for (int i = 0; i < h; i++) {
            ahead.append(point(n + i, forecast.mean()[i]));
        }
        svg.append("<polyline fill=\"none\" stroke=\"#08519c\" stroke-width=\"2\" points=\"").append(ahead).append("\"/>\n");
        double split = x(n - 1);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#888\""
                + " stroke-dasharray=\"4 4\"/>%n", split, split, TOP, HEIGHT - BOTTOM));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#444\"/>%n",
                LEFT, WIDTH - RIGHT, HEIGHT - BOTTOM, HEIGHT - BOTTOM));
        double[] labelX = {x(0), split, x(n + h - 1)};
        String[] anchors = {"start", "middle", "end"};
        for (int i = 0; i < labels.size() && i < 3; i++) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%s</text>%n",
                    labelX[i], HEIGHT - BOTTOM + 18, anchors[i], escape(labels.get(i))));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#555\">history (black), forecast mean"
                + " (blue), 80%% and 95%% prediction intervals (shaded)</text>%n", LEFT, HEIGHT - 12));
        return svg.append("</svg>\n").toString();
    }

    private String band(double[] lower, double[] upper, int offset, String colour) {
        StringBuilder points = new StringBuilder(point(offset - 1, history[offset - 1]));
        for (int i = 0; i < upper.length; i++) {
            points.append(point(offset + i, upper[i]));
        }
        for (int i = lower.length - 1; i >= 0; i--) {
            points.append(point(offset + i, lower[i]));
        }
        return "<polygon fill=\"" + colour + "\" stroke=\"none\" points=\"" + points + "\"/>\n";
    }

    private String point(int index, double value) {
        return String.format(Locale.ROOT, "%.1f,%.1f ", x(index), y(value));
    }

    private double x(int index) {
        int last = Math.max(1, history.length + forecast.horizon() - 1);
        return LEFT + (WIDTH - LEFT - RIGHT) * (double) index / last;
    }

    private double y(double value) {
        return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * (value - low) / (high - low);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
