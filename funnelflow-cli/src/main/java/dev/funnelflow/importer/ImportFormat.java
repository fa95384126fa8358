package dev.funnelflow.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The public datasets {@code import} understands, each with its row converter and event-id prefix. */
public enum ImportFormat {
    DIGINETICA("dg", DigineticaConverter::forInputs),
    YOOCHOOSE("yc", inputs -> new YoochooseConverter()),
    RETAILROCKET("rr", inputs -> new RetailrocketConverter()),
    TAOBAO("tb", inputs -> new TaobaoConverter()),
    REES46("r46", inputs -> new Rees46Converter()),
    ONLINE_RETAIL("uci", inputs -> new OnlineRetailConverter());

    /** Makes the converter for a set of input files (some formats look at the whole input first). */
    @FunctionalInterface
    private interface ConverterFactory {
        RowConverter create(List<Path> inputs) throws IOException;
    }

    private final String eventIdPrefix;
    private final ConverterFactory converterFactory;

    ImportFormat(String eventIdPrefix, ConverterFactory converterFactory) {
        this.eventIdPrefix = eventIdPrefix;
        this.converterFactory = converterFactory;
    }

    /** The name used on the command line and in the meta file, e.g. {@code diginetica} or {@code online-retail}. */
    public String formatName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Event ids are {@code <prefix>-<line number>}, e.g. {@code dg-2} for the first row after the header. */
    public String eventIdPrefix() {
        return eventIdPrefix;
    }

    /** The converter for these input files. */
    public RowConverter converterFor(List<Path> inputs) throws IOException {
        return converterFactory.create(inputs);
    }

    /** Looks a format up by its name, ignoring case. */
    public static ImportFormat fromName(String name) {
        for (ImportFormat format : values()) {
            if (format.formatName().equalsIgnoreCase(name.trim())) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "' (expected one of: " + namesList() + ")");
    }

    /** All format names, comma-separated, for messages and help. */
    public static String namesList() {
        return Arrays.stream(values()).map(ImportFormat::formatName).collect(Collectors.joining(", "));
    }
}
