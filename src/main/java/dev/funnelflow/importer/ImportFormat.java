package dev.funnelflow.importer;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The public datasets {@code import} understands, each with its row converter and event-id prefix. */
public enum ImportFormat {
    DIGINETICA("dg", new DigineticaConverter()),
    YOOCHOOSE("yc", new YoochooseConverter()),
    RETAILROCKET("rr", new RetailrocketConverter()),
    TAOBAO("tb", new TaobaoConverter()),
    REES46("r46", new Rees46Converter());

    private final String eventIdPrefix;
    private final RowConverter converter;

    ImportFormat(String eventIdPrefix, RowConverter converter) {
        this.eventIdPrefix = eventIdPrefix;
        this.converter = converter;
    }

    /** The name used on the command line and in the meta file, e.g. {@code diginetica}. */
    public String formatName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Event ids are {@code <prefix>-<line number>}, e.g. {@code dg-2} for the first row after the header. */
    public String eventIdPrefix() {
        return eventIdPrefix;
    }

    public RowConverter converter() {
        return converter;
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
