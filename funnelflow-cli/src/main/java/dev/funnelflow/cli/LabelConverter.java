package dev.funnelflow.cli;

import dev.funnelflow.ranking.ExampleLabel;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --label click|convert}. */
final class LabelConverter implements ITypeConverter<ExampleLabel> {

    @Override
    public ExampleLabel convert(String value) {
        try {
            return ExampleLabel.fromWireName(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
