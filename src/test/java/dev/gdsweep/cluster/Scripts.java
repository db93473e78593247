package dev.gdsweep.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the repository's shell scripts as a user would, with an environment free of the caller's SPARK_* and GDSWEEP_*. */
final class Scripts {

    private Scripts() {}

    record Result(int code, String out, String err) {

        @Override
        public String toString() {
            return "exit " + code + "\n---- stdout\n" + out + "\n---- stderr\n" + err;
        }
    }

    /** Runs {@code command} in the repository's root; its output also goes to {@code logs/name.out|err}. */
    static Result run(Path logs, String name, Map<String, String> env, Duration timeout, String... command)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash"));
        cmd.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("SPARK_") || k.startsWith("GDSWEEP_"));
        pb.environment().put("SPARK_LOCAL_IP", StandaloneCluster.LOOPBACK);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(env);
        Files.createDirectories(logs);
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p); // walk does not follow links: a SPARK_HOME's jar links go, not the jars
            }
        }
    }
}
