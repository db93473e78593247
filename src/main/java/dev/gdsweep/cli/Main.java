package dev.gdsweep.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gdsweep} command line. */
@Command(
        name = "gdsweep",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Sweeps learning rates and initial weights of gradient descent over a loss, on Spark.",
        subcommands = {RunCommand.class, ValidateCommand.class, FunctionsCommand.class, CheckLossCommand.class,
            ReportCommand.class, RunsCommand.class, CompareCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " " + ExitCodes.OK + ":success",
            " " + ExitCodes.FAILED + ":the sweep failed while running (check-loss: the gradient does not match)",
            " " + ExitCodes.BAD_INPUT + ":bad input: spec, options or output location (nothing was run or written)",
            " " + ExitCodes.GATE_CROSSED + ":compare: a gate was crossed"
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code;
        try {
            code = commandLine().execute(args);
        } catch (NoClassDefFoundError e) {
            // The thin jar run with plain java: commands that need Spark or Hadoop cannot work.
            System.err.println("gdsweep: this command needs Spark on the classpath (missing " + e.getMessage()
                    + "): use bin/gdsweep on this machine, or spark-submit with the -spark jar");
            code = ExitCodes.FAILED;
        }
        if (exitsTheJvm(code, System.getProperty("spark.master"), System.getProperty("spark.submit.deployMode"))) {
            System.exit(code);
        }
    }

    /**
     * Whether {@code main} ends with {@code System.exit(code)}: always, except on success under YARN in
     * cluster deploy mode. There the ApplicationMaster runs this {@code main} in a thread of its own JVM and
     * reports the application's outcome when it returns; an exit, even with 0, ends the JVM first, and
     * YARN records the attempt as failed ("Shutdown hook called before final status was reported") and
     * runs the sweep again. A failure still exits with its code, which YARN reports as a failure.
     */
    static boolean exitsTheJvm(int code, String sparkMaster, String deployMode) {
        boolean yarnClusterDriver = sparkMaster != null && sparkMaster.startsWith("yarn")
                && "cluster".equals(deployMode);
        return code != ExitCodes.OK || !yarnClusterDriver;
    }

    /** The command line with gdsweep's error handling, ready for {@code execute}. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        useExitCodes(cl);
        return cl;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: " + commandNames());
    }

    /** "run, validate, ... or help": the registered subcommands, in the order of the usage help. */
    private String commandNames() {
        String names = String.join(", ", spec.subcommands().keySet());
        int last = names.lastIndexOf(", ");
        return names.substring(0, last) + " or " + names.substring(last + 2);
    }

    /** This command and its subcommands exit with the codes of {@link ExitCodes}, usage errors included. */
    private static void useExitCodes(CommandLine cl) {
        cl.getCommandSpec().exitCodeOnSuccess(ExitCodes.OK).exitCodeOnInvalidInput(ExitCodes.BAD_INPUT)
                .exitCodeOnExecutionException(ExitCodes.FAILED);
        cl.getSubcommands().values().forEach(Main::useExitCodes);
    }
}
