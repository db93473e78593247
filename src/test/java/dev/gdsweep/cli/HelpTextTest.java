package dev.gdsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's usage text as a user reads it: picocli substitutes {@code ${...}} in descriptions, so
 * a variable it does not know leaves "null" in the sentence, and an unescaped one no trace at all.
 */
class HelpTextTest {

    /** "set null;", "null." or "(null)": what an unknown ${VAR} turns into. */
    private static final Pattern SUBSTITUTED_NULL = Pattern.compile("\\bnull\\b");
    /** The variables a spec may use (spec/Variables), which help text quotes as they are written. */
    private static final Pattern SPEC_VARIABLES = Pattern.compile("\\$\\{(RUN_ID|date|env:[A-Za-z_]+)}");

    @Test
    void everyUsageTextIsFreeOfUnsubstitutedVariables() {
        CommandLine main = Main.commandLine();
        List<CommandLine> commands = new java.util.ArrayList<>(main.getSubcommands().values());
        commands.add(main);
        assertThat(commands).hasSizeGreaterThan(7);
        for (CommandLine cl : commands) {
            String usage = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
            // The spec's own variables are meant literally; any other "${" is one picocli did not resolve.
            assertThat(SPEC_VARIABLES.matcher(usage).replaceAll("")).as("usage of %s", cl.getCommandName())
                    .doesNotContain("${")
                    .doesNotContainPattern(SUBSTITUTED_NULL);
        }
    }

    @Test
    void runIdHelpNamesTheVariableItSets() {
        String usage = Main.commandLine().getSubcommands().get("run").getUsageMessage(CommandLine.Help.Ansi.OFF);

        assertThat(usage.replaceAll("\\s+", " ")).contains("replacing that run if it exists, and set ${RUN_ID};");
    }

    @Test
    void missingCommandNamesEveryRegisteredCommand() {
        CliTest.Result r = CliTest.execute();

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        String firstLine = r.err().lines().findFirst().orElse("");
        for (String name : Main.commandLine().getSubcommands().keySet()) {
            assertThat(firstLine).as("the missing-command message").contains(name);
        }
    }
}
