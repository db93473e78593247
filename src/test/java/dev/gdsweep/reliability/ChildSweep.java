package dev.gdsweep.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs {@code gdsweep} in a child JVM, as the launcher would, so a test can kill its driver with SIGKILL. */
final class ChildSweep {

    private ChildSweep() {}

    static Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The JVM flags Spark needs, as the build writes them for bin/gdsweep.
        command.addAll(Arrays.asList(Files.readString(Path.of("target/launcher/jvm.flags")).trim().split("\\s+")));
        command.add("-Xmx1g");
        command.add("-Dlog4j2.configurationFile=" + Path.of("conf/log4j2.properties").toAbsolutePath());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.gdsweep.cli.Main");
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb.start();
    }
}
