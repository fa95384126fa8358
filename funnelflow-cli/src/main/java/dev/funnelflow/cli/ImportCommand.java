package dev.funnelflow.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelflow.importer.ImportFormat;
import dev.funnelflow.importer.ImportResult;
import dev.funnelflow.importer.Importer;
import dev.funnelflow.importer.InvalidInputException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code import}: converts a public e-commerce dataset into clickstream JSON lines (DESIGN.md §4). */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Converts a public e-commerce dataset into clickstream JSON lines (one event per line, the "
                    + "'clickstream' topic schema), sorted by event time; rows that cannot be read are counted "
                    + "and skipped.",
            "Also writes <output>.meta.json with the event count, time span and test_start_ms: the start of the "
                    + "last --test-days calendar days (UTC), which 'eval recs' uses as the test period.",
            "Prints progress to stderr and a one-line JSON summary to stdout."
        })
public final class ImportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            converter = FormatConverter.class, completionCandidates = FormatNames.class,
            description = "Dataset format: ${COMPLETION-CANDIDATES}.")
    private ImportFormat format;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "Dataset file (.gz is read transparently). Repeat to import several files as one "
                    + "stream, e.g. yoochoose-clicks.dat and yoochoose-buys.dat.")
    private List<Path> inputs;

    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "Events file to write (JSON lines); <FILE>.meta.json is written next to it.")
    private Path output;

    @Option(names = "--test-days", defaultValue = "7", paramLabel = "DAYS",
            description = "Length of the test period in calendar days, ending with the day of the last event "
                    + "(default: ${DEFAULT-VALUE}, the Diginetica split of the session-based literature).")
    private int testDays;

    @Override
    public Integer call() throws Exception {
        validate();
        PrintWriter err = spec.commandLine().getErr();
        long startNanos = System.nanoTime();
        Importer importer = new Importer(format, testDays, (rows, events, skipped) -> {
            err.printf("import: %,d rows read, %,d events, %,d skipped%n", rows, events, skipped);
            err.flush();
        });
        ImportResult result;
        try {
            result = importer.run(inputs, output);
        } catch (InvalidInputException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Map<String, Object> summary = new LinkedHashMap<>(result.meta());
        summary.put("output", output.toString());
        summary.put("skip_reasons", result.skipReasons());
        summary.put("seconds", Math.round((System.nanoTime() - startNanos) / 1e6) / 1e3);
        PrintWriter out = spec.commandLine().getOut();
        out.println(new ObjectMapper().writeValueAsString(summary));
        out.flush();
        return 0;
    }

    private void validate() {
        for (Path input : inputs) {
            Cli.requireFile(spec, input, "--input");
        }
        if (Files.isDirectory(output)) {
            throw new ParameterException(spec.commandLine(), "--output is a directory: " + output);
        }
        if (inputs.stream().anyMatch(input -> input.toAbsolutePath().normalize()
                .equals(output.toAbsolutePath().normalize()))) {
            throw new ParameterException(spec.commandLine(), "--output must not be one of the inputs: " + output);
        }
        if (testDays < 1) {
            throw new ParameterException(spec.commandLine(), "--test-days must be >= 1, got " + testDays);
        }
    }

    /** Accepts format names in any case, with the list of valid names in the error. */
    static final class FormatConverter implements ITypeConverter<ImportFormat> {
        @Override
        public ImportFormat convert(String value) {
            try {
                return ImportFormat.fromName(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** The lower-case format names for the help text. */
    static final class FormatNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(ImportFormat.values()).map(ImportFormat::formatName).iterator();
        }
    }
}
