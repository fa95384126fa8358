package dev.funnelflow.cli;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.time.temporal.UnsupportedTemporalTypeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Continues a CSV's time column when it is a regular ISO-8601 axis: months ({@code 1960-12}), dates
 * ({@code 2011-12-09}, daily, weekly or monthly), local date-times or date-times with an offset, at a constant step.
 * The continuation is written the way {@code java.time} writes that type.
 */
final class TimeAxis {

    private static final List<Function<String, Temporal>> PARSERS =
            List.of(YearMonth::parse, LocalDate::parse, LocalDateTime::parse, OffsetDateTime::parse);
    /** Calendar months first, so monthly dates continue by month rather than by 28–31 days. */
    private static final List<ChronoUnit> UNITS = List.of(ChronoUnit.MONTHS, ChronoUnit.DAYS, ChronoUnit.SECONDS);

    private TimeAxis() {}

    /** The {@code horizon} times after {@code times}, or empty when they are not a regular ISO-8601 axis. */
    static Optional<List<String>> continuation(List<String> times, int horizon) {
        if (times.size() < 2) {
            return Optional.empty();
        }
        for (Function<String, Temporal> parser : PARSERS) {
            List<Temporal> parsed = parseAll(times, parser);
            if (parsed != null) {
                for (ChronoUnit unit : UNITS) {
                    Optional<List<String>> next = continueBy(parsed, unit, horizon);
                    if (next.isPresent()) {
                        return next;
                    }
                }
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static List<Temporal> parseAll(List<String> times, Function<String, Temporal> parser) {
        List<Temporal> parsed = new ArrayList<>(times.size());
        try {
            for (String time : times) {
                parsed.add(parser.apply(time));
            }
            return parsed;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Optional<List<String>> continueBy(List<Temporal> times, ChronoUnit unit, int horizon) {
        try {
            long step = unit.between(times.get(0), times.get(1));
            if (step <= 0) {
                return Optional.empty();
            }
            for (int i = 1; i < times.size(); i++) {
                if (!times.get(i - 1).plus(step, unit).equals(times.get(i))) {
                    return Optional.empty();
                }
            }
            Temporal last = times.get(times.size() - 1);
            List<String> next = new ArrayList<>(horizon);
            for (int h = 1; h <= horizon; h++) {
                next.add(last.plus(step * h, unit).toString());
            }
            return Optional.of(next);
        } catch (UnsupportedTemporalTypeException e) {
            return Optional.empty(); // e.g. days between year-months
        }
    }
}
