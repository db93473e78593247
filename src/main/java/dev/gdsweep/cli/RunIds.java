package dev.gdsweep.cli;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Run ids of scheduled sweeps: one report directory {@code run_id=ID} per run under the output path. */
final class RunIds {

    static final String PREFIX = "run_id=";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:+-]*");
    private static final DateTimeFormatter NOW = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'")
            .withZone(ZoneOffset.UTC);

    private RunIds() {}

    /** {@code now} becomes the current UTC minute (2026-11-29T0300Z); other ids are checked and kept. */
    static String resolve(String id, Clock clock) {
        if (id.equals("now")) {
            return NOW.format(clock.instant());
        }
        if (!VALID.matcher(id).matches() || id.length() > 100) {
            throw new TypeConversionException("must be letters, digits and . _ : + - (at most 100, no slashes), "
                    + "or 'now', got '" + id + "'");
        }
        return id;
    }

    /** {@code --run-id}, resolved with the system clock as it is read. */
    static final class Converter implements ITypeConverter<String> {
        @Override
        public String convert(String id) {
            return resolve(id, Clock.systemUTC());
        }
    }

    static String path(String outputPath, String runId) {
        return (outputPath.endsWith("/") ? outputPath : outputPath + "/") + PREFIX + runId;
    }
}
