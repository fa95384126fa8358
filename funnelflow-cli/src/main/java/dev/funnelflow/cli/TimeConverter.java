package dev.funnelflow.cli;

import dev.funnelflow.eval.RecsEvaluator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Times as the contracts write them: ISO-8601 ({@code 2011-09-01T00:00:00Z}) or epoch milliseconds. */
final class TimeConverter implements ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        Long millis = RecsEvaluator.parseTime(value);
        if (millis == null) {
            throw new TypeConversionException("cannot parse '" + value + "' (expected ISO-8601 or epoch ms)");
        }
        return millis;
    }
}
