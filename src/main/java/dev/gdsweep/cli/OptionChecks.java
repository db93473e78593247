package dev.gdsweep.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Rules on option values, reported as picocli reports a value it cannot convert: "Invalid value for
 * option '--points': must be >= 1, got 0", then the usage; exit {@link ExitCodes#BAD_INPUT}.
 */
final class OptionChecks {

    private OptionChecks() {}

    static void require(CommandSpec command, boolean ok, String option, String rule, Object value) {
        if (!ok) {
            throw new ParameterException(command.commandLine(),
                    "Invalid value for option '" + option + "': " + rule + ", got " + value);
        }
    }
}
