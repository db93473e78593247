package dev.gdsweep.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scheduled jobs' installed layout at work: jobs/install.sh puts it in a directory (as in
 * /opt/gdsweep), and its bin/gdsweep runs the commands the Airflow DAG and the Kubernetes CronJob run,
 * through spark-submit (a SPARK_HOME from the Maven jars, as bin/gdsweep-local-cluster builds it): two
 * runs of the nightly spec (made smaller), the job's runs, and compare with --candidate latest.
 */
class JobScriptsIT {

    static final Path DIR = Path.of("target", "job-scripts-it").toAbsolutePath();

    @Test
    void theInstalledLayoutRunsCompareAndRunsThroughSparkSubmit() throws Exception {
        Scripts.deleteRecursively(DIR);
        Path logs = DIR.resolve("it-logs");
        Path opt = DIR.resolve("opt/gdsweep");
        Scripts.Result install = Scripts.run(logs, "install", Map.of(), Duration.ofSeconds(60), "jobs/install.sh",
                opt.toString());
        assertThat(install.code()).as(install.toString()).isZero();
        for (String file : List.of("bin/gdsweep", "bin/gdsweep-submit", "lib/gdsweep-spark.jar",
                "conf/log4j2.properties", "jobs/nightly-rosenbrock.yaml")) {
            assertThat(opt.resolve(file)).isRegularFile();
        }
        Scripts.Result home = Scripts.run(logs, "spark-home", Map.of("GDSWEEP_CLUSTER_DIR", DIR.resolve("cluster")
                .toString()), Duration.ofSeconds(60), "bin/gdsweep-local-cluster", "spark-home");
        assertThat(home.code()).as(home.toString()).isZero();

        Path reports = DIR.resolve("reports");
        Map<String, String> env = Map.of("SPARK_HOME", home.out().strip(), "GDSWEEP_REPORTS", reports.toString(),
                "GDSWEEP_SUBMIT_OPTS", "--master local[2] --conf spark.driver.host=127.0.0.1");
        String gdsweep = opt.resolve("bin/gdsweep").toString();
        String spec = opt.resolve("jobs/nightly-rosenbrock.yaml").toString();
        for (String id : List.of("2026-11-28T0300Z", "2026-11-29T0300Z")) {
            Scripts.Result run = Scripts.run(logs, "run-" + id, env, Duration.ofSeconds(300), gdsweep, "run", spec,
                    "--run-id", id, "--quiet", "--no-report", "--set", "initial_weights.random.count=4");
            assertThat(run.code()).as(run.toString()).isZero();
        }
        String job = reports.resolve("nightly-rosenbrock").toString();
        Scripts.Result runs = Scripts.run(logs, "runs", env, Duration.ofSeconds(120), gdsweep, "runs", job);
        assertThat(runs.code()).as(runs.toString()).isZero();
        assertThat(runs.out()).containsPattern("2026-11-28T0300Z\\s+complete").containsPattern("2026-11-29T0300Z\\s+complete");

        Scripts.Result compare = Scripts.run(logs, "compare", env, Duration.ofSeconds(120), gdsweep, "compare", job,
                "--baseline", "previous", "--candidate", "latest");
        assertThat(compare.code()).as(compare.toString()).isZero();
        assertThat(compare.out()).contains("Baseline 2026-11-28T0300Z, candidate 2026-11-29T0300Z")
                .contains("Gates passed.");
    }
}
