package dev.gdsweep.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README's "Trying gdsweep-submit on this machine", as written: bin/gdsweep-local-cluster start, the
 * README's sweep through bin/gdsweep-submit with the SPARK_HOME it printed (no --master), stop. The
 * sweep's executors must have run under the worker, and stop must leave none of the cluster's processes.
 */
class LocalClusterIT {

    static final Path DIR = Path.of("target", "local-cluster-it").toAbsolutePath();

    @Test
    void startSubmitTheReadmesSweepAndStop() throws Exception {
        Scripts.deleteRecursively(DIR);
        Path logs = DIR.resolve("it-logs");
        Map<String, String> env = Map.of("GDSWEEP_CLUSTER_DIR", DIR.resolve("cluster").toString());
        int port = StandaloneCluster.freePort();
        List<ProcessHandle> cluster = new ArrayList<>();
        try {
            Scripts.Result start = Scripts.run(logs, "start", env, Duration.ofSeconds(240),
                    "bin/gdsweep-local-cluster", "start", "--port", Integer.toString(port),
                    "--ui-port", Integer.toString(StandaloneCluster.freePort()));
            for (String name : List.of("master", "worker")) {
                Path pid = DIR.resolve("cluster/pids/" + name + ".pid");
                if (Files.exists(pid)) {
                    ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).ifPresent(cluster::add);
                }
            }
            assertThat(start.code()).as(start.toString()).isZero();
            assertThat(start.out()).contains("master spark://127.0.0.1:" + port);
            Matcher home = Pattern.compile("export SPARK_HOME=(\\S+)").matcher(start.out());
            assertThat(home.find()).isTrue();

            Path out = DIR.resolve("quadratic");
            Scripts.Result sweep = Scripts.run(logs, "submit", Map.of("SPARK_HOME", home.group(1),
                    "GDSWEEP_JAR", Path.of(System.getProperty("gdsweep.thinJar")).toAbsolutePath().toString()),
                    Duration.ofSeconds(300), "bin/gdsweep-submit", "--", "run", "conf/examples/quadratic.yaml",
                    "--out", out.toString(), "--overwrite");
            assertThat(sweep.code()).as(sweep.toString()).isZero();
            assertThat(sweep.out()).contains("Sweep quadratic-stability: 375 runs");
            assertThat(out.resolve("_SUCCESS")).exists();
            // On the cluster, not in local mode: the worker launched the application's executor.
            assertThat(Files.readString(DIR.resolve("cluster/logs/worker.log"))).contains("Asked to launch executor");
        } finally {
            Scripts.Result stop = Scripts.run(logs, "stop", env, Duration.ofSeconds(60), "bin/gdsweep-local-cluster",
                    "stop");
            for (ProcessHandle h : cluster) {
                h.descendants().forEach(ProcessHandle::destroyForcibly); // only if stop failed
                h.destroyForcibly();
            }
            assertThat(stop.code()).as(stop.toString()).isZero();
        }
        assertThat(cluster).hasSize(2).noneMatch(ProcessHandle::isAlive);
    }
}
