package dev.gdsweep.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdsweep.cli.Main;
import dev.gdsweep.cluster.StandaloneCluster.Managed;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * gdsweep on a real Spark standalone cluster on 127.0.0.1: a master and two workers (1 core, 1 GiB
 * each) as JVM processes started from the Maven jars, the thin jar submitted in client mode (driver in
 * its own JVM, executors in the workers' JVMs) and in cluster mode (driver on a worker). Its reports
 * must equal, row for row, those of local mode, also when a worker is killed with SIGKILL in the middle
 * of a sweep. One cluster for every test; each test is one application.
 *
 * <p>Run by maven-failsafe-plugin in {@code mvn verify} (not in {@code mvn test}). Every process is
 * stopped by PID in {@link #stopCluster()}; on a failure the tail of every log is printed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    static final Path WORK = Path.of("target", "cluster-it").toAbsolutePath();

    /** 392 quick runs; 4 tasks, so both executors get some. */
    static final String HIMMELBLAU = """
            name: cluster-himmelblau
            loss: {function: himmelblau}
            learning_rate: {log: {from: 1.0e-4, to: 1.0e-1, count: 8}}
            initial_weights: {grid: {min: [-5, -5], max: [5, 5], count: [7, 7]}}
            stopping: {max_iterations: 10000, gradient_tolerance: 1.0e-6}
            """;
    static final long HIMMELBLAU_RUNS = 392;

    /**
     * 2,000 slow runs (every one takes all 100,000 iterations) in one chunk of 4 tasks: over a second
     * per task once the JIT has warmed up, so there is time to kill a worker while its executor works,
     * with tasks left for the other. The smallest sweep that still loses a running task: more tasks
     * only made the surviving executor's share longer.
     */
    static final String ROSENBROCK = """
            name: cluster-rosenbrock
            loss: {function: rosenbrock}
            learning_rate: {values: [1.0e-6, 2.0e-6, 4.0e-6, 8.0e-6]}
            initial_weights: {random: {count: 500, min: [-2, -2], max: [2, 2], seed: 11}}
            stopping: {max_iterations: 100000, gradient_tolerance: 1.0e-12}
            limits: {chunk_runs: 2000}
            """;
    static final long ROSENBROCK_RUNS = 2000;

    static final Duration SWEEP_TIMEOUT = Duration.ofSeconds(180);

    static final Pattern TASK_STARTED = Pattern.compile(
            "Starting task (\\d+)\\.(\\d+) in stage (\\d+)\\.\\d+ \\(TID \\d+\\) \\([^,]*, ?executor (\\d+),");
    static final Pattern EXECUTOR_ADDED = Pattern.compile(
            "Executor added: [^/\\s]+/(\\d+) on worker-\\S+ \\(127\\.0\\.0\\.1:(\\d+)\\)");

    static StandaloneCluster cluster;
    static Path thinJar;
    static Path himmelblauSpec;
    static Path rosenbrockSpec;
    static Path himmelblauLocal;
    static Path rosenbrockLocal;
    private static SparkSession reader;
    private static long started;

    @RegisterExtension
    static final TestWatcher DIAGNOSTICS = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (cluster != null) {
                System.err.println(cluster.diagnostics());
            }
        }
    };

    @BeforeAll
    static void startClusterAndRunLocalReferences() throws Exception {
        started = System.nanoTime();
        thinJar = Path.of(System.getProperty("gdsweep.thinJar", "target/missing-thin.jar"));
        assertThat(thinJar).as("the thin jar (mvn package builds it)").isRegularFile();
        deleteRecursively(WORK);
        Files.createDirectories(WORK);
        himmelblauSpec = Files.writeString(WORK.resolve("himmelblau.yaml"), HIMMELBLAU);
        rosenbrockSpec = Files.writeString(WORK.resolve("rosenbrock.yaml"), ROSENBROCK);

        cluster = StandaloneCluster.start(WORK, Path.of(System.getProperty("gdsweep.sparkClasspath",
                "target/spark-classpath.txt")), Path.of("target/launcher/jvm.flags"), 2);
        try {
            // The references, in local mode in this JVM, while the cluster's JVMs start.
            himmelblauLocal = runLocally(himmelblauSpec, "local-himmelblau", "4");
            rosenbrockLocal = runLocally(rosenbrockSpec, "local-rosenbrock", "4");
            cluster.awaitWorkers(2, Duration.ofSeconds(120));
            log("cluster up: master %s, 2 workers registered", cluster.masterUrl());
        } catch (Throwable t) {
            System.err.println(cluster.diagnostics());
            throw t;
        }
    }

    @AfterAll
    static void stopCluster() {
        try {
            if (reader != null) {
                reader.stop();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
            log("ClusterIT done");
        }
    }

    /**
     * One application for the client deploy mode, submitted as a user would: bin/gdsweep-submit with
     * spark-submit's --master only (RunCommand must take spark.master from the SparkConf), the driver in
     * the submitting JVM, the runs computed by executors in both workers' JVMs, report.html rendered on
     * the driver with the jfreechart inside the thin jar, and the wrapper's quiet logging in the driver.
     */
    @Test
    @Order(1)
    void gdsweepSubmitRunsASweepOnTheClusterWithTheSameRunsAsLocalMode() throws Exception {
        Path out = WORK.resolve("submit-himmelblau");
        long appsBefore = applications("gdsweep cluster-himmelblau");
        Set<Path> appDirsBefore = cluster.applicationDirs();
        List<String> command = List.of("bash", Path.of("bin/gdsweep-submit").toAbsolutePath().toString(),
                "--master", cluster.masterUrl(),
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false",
                "--", "run", himmelblauSpec.toString(), "--out", out.toString(), "--partitions", "4");
        Managed driver = cluster.start("submit-himmelblau", command,
                Map.of("GDSWEEP_JAR", thinJar.toAbsolutePath().toString()));
        int code = StandaloneCluster.await(driver, SWEEP_TIMEOUT);
        log("himmelblau through bin/gdsweep-submit: exit %d", code);

        assertThat(code).as("bin/gdsweep-submit's exit code: %s", driver.errLog()).isZero();
        assertThat(driver.outLog()).contains("Sweep cluster-himmelblau: 392 runs").contains("392 runs in 4 tasks");
        assertThat(applications("gdsweep cluster-himmelblau")).as("applications the master has seen")
                .isEqualTo(appsBefore + 1);
        // The wrapper's quiet logging reached the driver JVM through spark-submit's launcher.
        assertThat(driver.errLog()).doesNotContain(" INFO ");
        // The runs were computed by executors in the workers' JVMs (their logs are the workers'), not in
        // the driver: an executor on each worker, and executors that ran tasks.
        Set<Path> appDirs = new TreeSet<>(cluster.applicationDirs());
        appDirs.removeAll(appDirsBefore);
        assertThat(appDirs).as("this application's directories on the workers").hasSize(2);
        List<Path> executorLogs = new ArrayList<>();
        for (Path app : appDirs) {
            try (Stream<Path> s = Files.list(app)) {
                s.map(e -> e.resolve("stderr")).filter(Files::isRegularFile).forEach(executorLogs::add);
            }
        }
        assertThat(executorLogs).as("executors launched by the workers").hasSizeGreaterThanOrEqualTo(2);
        assertThat(executorLogs).as("executors that ran tasks")
                .anyMatch(l -> StandaloneCluster.read(l).contains("Running task "));
        assertThat(out.resolve("_SUCCESS")).exists();
        assertThat(out.resolve("report.html")).isNotEmptyFile();

        assertSameReport(out, himmelblauLocal, HIMMELBLAU_RUNS);
        assertThat(cluster.nonLoopbackListeners()).as("sockets bound outside 127.0.0.1").isEmpty();
    }

    /**
     * The cluster deploy mode in the same cluster: the master launches the driver on a worker, which
     * copies the thin jar from its path, reads the spec and writes the report where this test reads it.
     */
    @Test
    @Order(2)
    void aSweepInClusterDeployModeRunsItsDriverOnAWorkerWithTheSameRunsAsLocalMode() throws Exception {
        Path out = WORK.resolve("cluster-mode-himmelblau");
        Set<String> driversBefore = cluster.drivers().keySet();
        Managed submit = cluster.submitToWorker("submit-cluster-mode", thinJar,
                List.of("run", himmelblauSpec.toString(), "--out", out.toString(), "--partitions", "4",
                        "--no-report"));
        assertThat(StandaloneCluster.await(submit, SWEEP_TIMEOUT)).as("spark-submit's exit code: %s",
                submit.errLog()).isZero();
        Map.Entry<String, String> driver = cluster.awaitDriver(driversBefore, SWEEP_TIMEOUT);
        log("himmelblau in cluster deploy mode: %s %s", driver.getKey(), driver.getValue());

        Path stdout = cluster.driverLog(driver.getKey(), "stdout")
                .orElseThrow(() -> new AssertionError("no worker ran " + driver.getKey()));
        assertThat(driver.getValue()).as("the driver's final state; its log:%n%s",
                StandaloneCluster.tail(stdout.resolveSibling("stderr"), 60)).isEqualTo("FINISHED");
        assertThat(StandaloneCluster.read(stdout)).contains("Sweep cluster-himmelblau: 392 runs")
                .contains("392 runs in 4 tasks");
        assertThat(out.resolve("_SUCCESS")).exists();

        assertSameReport(out, himmelblauLocal, HIMMELBLAU_RUNS);
    }

    @Test
    @Order(3)
    void aWorkerKilledMidSweepLosesNoRunAndDuplicatesNone() throws Exception {
        Path out = WORK.resolve("cluster-rosenbrock");
        Managed driver = cluster.submit("driver-rosenbrock", thinJar, List.of(),
                List.of("run", rosenbrockSpec.toString(), "--out", out.toString(), "--partitions", "4",
                        "--no-report"));

        // Wait until both executors are computing, then kill the worker of the one that started last.
        long deadline = System.nanoTime() + SWEEP_TIMEOUT.toNanos();
        Map<String, String> running = Map.of();
        while (System.nanoTime() < deadline && driver.process().isAlive()) {
            running = runningExecutors(driver.errLog());
            if (running.size() >= 2) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(driver.process().isAlive()).as("the sweep is still running when executors are busy").isTrue();
        assertThat(running).as("executors that started tasks").hasSizeGreaterThanOrEqualTo(2);
        assertThat(cluster.nonLoopbackListeners()).as("sockets bound outside 127.0.0.1 (driver and executors up)")
                .isEmpty();
        Thread.sleep(1000); // into the middle of its task
        String victimExecutor = List.copyOf(running.keySet()).get(running.size() - 1);
        int workerPort = Integer.parseInt(running.get(victimExecutor));
        Managed victim = cluster.workerOnPort(workerPort)
                .orElseThrow(() -> new AssertionError("no worker on port " + workerPort));
        assertThat(driver.process().isAlive()).as("the sweep is still running at the kill").isTrue();
        assertThat(victim.process().descendants().count()).as(victim.name() + "'s executor JVM").isPositive();
        List<ProcessHandle> executors = cluster.killWorker(victim);
        log("killed %s (pid %d, SIGKILL) running executor %s; its executor JVMs: %s", victim.name(), victim.pid(),
                victimExecutor, executors.stream().map(h -> Long.toString(h.pid())).toList());

        int code = StandaloneCluster.await(driver, SWEEP_TIMEOUT);
        log("rosenbrock with a worker killed: exit %d", code);
        assertThat(code).as("the driver's exit code").isZero();
        String log = driver.errLog();
        assertThat(log).as("the driver saw the executor go").contains("Lost executor " + victimExecutor);
        assertThat(retriedTasks(log)).as("tasks re-run after the executor was lost").isNotEmpty();
        assertThat(out.resolve("_SUCCESS")).exists();
        assertThat(Files.readString(out.resolve("report.yaml"))).contains("complete: true");

        assertSameReport(out, rosenbrockLocal, ROSENBROCK_RUNS);
        awaitExit(executors, Duration.ofSeconds(30));
    }

    /** A convex model with an l2 axis: its reference optima come from spark.ml on the cluster's driver. */
    static final String LOGISTIC = """
            name: cluster-logistic
            loss:
              model: logistic_regression
              data: {path: DATA, label: kind, standardize: true, validation_fraction: 0.2, seed: 3}
              l2: [0, 0.01]
            learning_rate: {values: [0.1, 3, 1000]}
            initial_weights: {zeros: true}
            stopping: {max_iterations: 2000}
            """;

    @Test
    @Order(4)
    void aModelSweepOnTheClusterHasTheReferenceOptimaOfLocalMode() throws Exception {
        StringBuilder csv = new StringBuilder("a,b,kind\n");
        for (int i = 0; i < 80; i++) {
            double a = Math.sin(i * 1.7) * 3;
            double b = Math.cos(i * 0.9) * 40 + 100;
            csv.append(a).append(',').append(b).append(',').append(a + 0.05 * (b - 100) + Math.sin(i * 5.3) > 0 ? "y" : "n")
                    .append('\n');
        }
        Path data = Files.writeString(WORK.resolve("logistic.csv"), csv);
        Path spec = Files.writeString(WORK.resolve("logistic.yaml"), LOGISTIC.replace("DATA", data.toString()));
        Path local = runLocally(spec, "local-logistic", "2");
        Path out = WORK.resolve("cluster-logistic");
        Managed driver = cluster.submit("driver-logistic", thinJar, List.of(),
                List.of("run", spec.toString(), "--out", out.toString(), "--partitions", "2", "--no-report"));
        // Two spark.ml fits (a few dozen small jobs) before the runs: more than a landscape's sweep.
        int code = StandaloneCluster.await(driver, SWEEP_TIMEOUT.multipliedBy(2));
        log("logistic regression with references on the cluster: exit %d", code);

        assertThat(code).as("the driver's exit code: %s", driver.errLog()).isZero();
        assertThat(driver.outLog()).contains("Sea level, logistic_regression(l2=0): loss ")
                .contains("Sea level, logistic_regression(l2=0.01): loss ");
        // spark.ml sums in the order of its partitions: the optimum agrees to rounding, not to the bit.
        List<Row> clusterReference = read(out, "reference").orderBy("loss_config").collectAsList();
        List<Row> localReference = read(local, "reference").orderBy("loss_config").collectAsList();
        assertThat(clusterReference).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(clusterReference.get(i).<Boolean>getAs("certified")).isTrue();
            double expected = localReference.get(i).<Double>getAs("loss");
            assertThat(clusterReference.get(i).<Double>getAs("loss"))
                    .isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-12 * expected));
        }
        List<Row> clusterRuns = read(out, "runs").orderBy("run_id").collectAsList();
        List<Row> localRuns = read(local, "runs").orderBy("run_id").collectAsList();
        assertThat(clusterRuns).hasSize(6).hasSameSizeAs(localRuns);
        for (int i = 0; i < clusterRuns.size(); i++) {
            Row c = clusterRuns.get(i);
            Row l = localRuns.get(i);
            assertThat(c.<Double>getAs("final_loss")).isEqualTo(l.<Double>getAs("final_loss"));
            if (l.isNullAt(l.fieldIndex("loss_gap"))) {
                assertThat(c.isNullAt(c.fieldIndex("loss_gap"))).isTrue();
            } else {
                assertThat(c.<Double>getAs("loss_gap"))
                        .isCloseTo(l.<Double>getAs("loss_gap"), org.assertj.core.api.Assertions.within(1e-12));
            }
        }
        assertSameRows("summary", rows(out, "summary", "loss_config", "learning_rate").stream()
                        .map(ClusterIT::withoutLast).toList(),
                rows(local, "summary", "loss_config", "learning_rate").stream().map(ClusterIT::withoutLast).toList());
    }

    /** A row's string form without its last column (the summary's reference_loss, equal only to rounding). */
    static String withoutLast(String row) {
        return row.substring(0, row.lastIndexOf(','));
    }

    // ---- helpers

    /**
     * Runs the spec in local mode (local[2]) in this JVM, as bin/gdsweep would, without report.html (the
     * tables do not depend on it); returns the report.
     */
    static Path runLocally(Path spec, String name, String partitions) {
        Path out = WORK.resolve(name);
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(stdout));
        cl.setErr(new PrintWriter(stderr));
        long t0 = System.nanoTime();
        int code = cl.execute("run", spec.toString(), "--out", out.toString(), "--master", "local[2]",
                "--partitions", partitions, "--no-report");
        log("%s in local mode: exit %d, %.1f s", name, code, (System.nanoTime() - t0) / 1e9);
        assertThat(code).as("local run of %s: %s%s", spec, stdout, stderr).isZero();
        return out;
    }

    /**
     * The reports have the same runs (every column but elapsed_ms, row by row in run-id order), every run
     * id 0..n-1 exactly once, the same summary and, where the local report has them, the same trajectories.
     */
    static void assertSameReport(Path actual, Path expected, long runs) {
        List<Long> ids = read(actual, "runs").select("run_id").as(Encoders.LONG()).collectAsList();
        List<Long> sorted = ids.stream().sorted().toList();
        assertThat(sorted).as("run ids in " + actual + ", each exactly once")
                .isEqualTo(LongStream.range(0, runs).boxed().toList());

        assertSameRows("runs", rows(actual, "runs", "run_id"), rows(expected, "runs", "run_id"));
        assertSameRows("summary", rows(actual, "summary", "optimizer_config", "schedule", "learning_rate"),
                rows(expected, "summary", "optimizer_config", "schedule", "learning_rate"));
        if (Files.isDirectory(expected.resolve("trajectories"))) {
            assertSameRows("trajectories", rows(actual, "trajectories", "run_id", "iteration"),
                    rows(expected, "trajectories", "run_id", "iteration"));
        }
    }

    static void assertSameRows(String table, List<String> actual, List<String> expected) {
        assertThat(actual).as(table + " rows").hasSameSizeAs(expected);
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                differences.add("row " + i + ":\n  cluster " + actual.get(i) + "\n  local   " + expected.get(i));
            }
        }
        assertThat(differences).as(table + ": rows that differ between cluster and local mode (first 3: %s)",
                differences.stream().limit(3).toList()).isEmpty();
    }

    /** A table's rows without elapsed_ms, ordered, each as its exact string form (doubles round-trip). */
    static List<String> rows(Path report, String table, String... orderBy) {
        Dataset<Row> d = read(report, table);
        if (List.of(d.columns()).contains("elapsed_ms")) {
            d = d.drop("elapsed_ms");
        }
        return d.orderBy(orderBy[0], java.util.Arrays.copyOfRange(orderBy, 1, orderBy.length))
                .collectAsList().stream().map(Row::toString).toList();
    }

    static Dataset<Row> read(Path report, String table) {
        // A sweep run in this JVM (local mode, in-process) stops the session it shares, so ask again after one.
        if (reader == null || reader.sparkContext().isStopped()) {
            reader = SparkSession.builder().master("local[2]").appName("ClusterIT reader")
                    .config("spark.ui.enabled", "false").getOrCreate();
        }
        return reader.read().parquet(report.resolve(table).toString());
    }

    /** Executors that have started a task, in order of their first task, each with its worker's port. */
    static Map<String, String> runningExecutors(String driverLog) {
        Map<String, String> workerPort = new LinkedHashMap<>();
        Matcher added = EXECUTOR_ADDED.matcher(driverLog);
        while (added.find()) {
            workerPort.put(added.group(1), added.group(2));
        }
        Map<String, String> running = new LinkedHashMap<>();
        Matcher task = TASK_STARTED.matcher(driverLog);
        while (task.find()) {
            String executor = task.group(4);
            if (workerPort.containsKey(executor)) {
                running.putIfAbsent(executor, workerPort.get(executor));
            }
        }
        return running;
    }

    /** "task.attempt in stage s" of every task attempt after the first. */
    static List<String> retriedTasks(String driverLog) {
        List<String> retried = new ArrayList<>();
        Matcher m = TASK_STARTED.matcher(driverLog);
        while (m.find()) {
            if (!"0".equals(m.group(2))) {
                retried.add(m.group(1) + "." + m.group(2) + " in stage " + m.group(3));
            }
        }
        return retried;
    }

    /** How many applications with this name the master lists (running or completed). */
    static long applications(String name) {
        String json = cluster.masterState().orElseThrow(() -> new AssertionError("the master does not answer"));
        return Pattern.compile("\"name\"\\s*:\\s*\"" + Pattern.quote(name) + "\"").matcher(json).results().count();
    }

    /** The lost executor's JVM notices its worker is gone and exits; close() would kill it otherwise. */
    static void awaitExit(List<ProcessHandle> processes, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle h : processes) {
            while (h.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            if (h.isAlive()) {
                log("warning: executor pid %d of the killed worker still runs; it is stopped at the end", h.pid());
            }
        }
    }

    static void log(String format, Object... args) {
        System.out.printf("[ClusterIT %5.1f s] %s%n", (System.nanoTime() - started) / 1e9, String.format(format, args));
        System.out.flush();
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
