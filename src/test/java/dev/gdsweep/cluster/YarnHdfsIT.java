package dev.gdsweep.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdsweep.cli.Main;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
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
import org.junit.jupiter.api.Timeout;

/**
 * gdsweep on YARN with HDFS, in this JVM: a MiniDFSCluster (3 DataNodes, replication 2) and a
 * MiniYARNCluster (1 NodeManager), as Spark's own YARN suites start them, shared by every test. Sweeps go
 * through {@code bin/gdsweep-submit} (a SPARK_HOME built from the Maven jars, spark-yarn added, and
 * HADOOP_CONF_DIR naming the mini clusters) in client and in cluster deploy mode, with the model's data
 * on HDFS and the report written to HDFS; their runs must equal those of local mode row by row. The
 * commands that read reports, a resumed sweep and {@code compare} run on the HDFS directories, and a
 * DataNode is stopped in the middle of a sweep.
 *
 * <p>The SPARK_HOME's {@code spark-defaults.conf} is what a cluster's administrator would set once
 * ({@code spark.yarn.jars} on the nodes, small containers); the commands are the README's YARN and HDFS
 * recipes as written.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class YarnHdfsIT {

    static final Path WORK = Path.of("target", "yarn-hdfs-it").toAbsolutePath();
    static final Duration SWEEP_TIMEOUT = Duration.ofSeconds(300);

    /** 24 runs of linear regression over Anscombe's quartet, read from DATA. */
    static final String SPEC = """
            name: anscombe
            loss:
              model: linear_regression
              data: {path: DATA, label: y, features: [x]}
              reference: none
            learning_rate: {log: {from: 1.0e-3, to: 0.1, count: 8}}
            initial_weights: {points: [[0, 0], [1, 1], [-2, 5]]}
            stopping: {max_iterations: 20000, gradient_tolerance: 1.0e-8}
            limits: {chunk_runs: 12}
            """;
    static final long RUNS = 24;

    static MiniDFSCluster dfs;
    static MiniYARNCluster yarn;
    static String hdfs;
    static Path hadoopConf;
    static Path sparkHome;
    static Path thinJar;
    static Path yarnSpec;
    static Path localRunsReference;
    private static SparkSession reader;
    private static long started;

    @BeforeAll
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    static void startMiniClusters() throws Exception {
        started = System.nanoTime();
        thinJar = Path.of(System.getProperty("gdsweep.thinJar", "target/missing-thin.jar")).toAbsolutePath();
        assertThat(thinJar).as("the thin jar (mvn package builds it)").isRegularFile();
        Scripts.deleteRecursively(WORK);
        Files.createDirectories(WORK);

        Configuration dfsConf = new Configuration();
        dfsConf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, WORK.resolve("hdfs").toString());
        dfsConf.setInt("dfs.replication", 2);
        dfsConf.setInt("dfs.heartbeat.interval", 1);
        dfs = new MiniDFSCluster.Builder(dfsConf).numDataNodes(3).build();
        dfs.waitActive();
        hdfs = dfs.getURI().toString();
        log("HDFS up: %s, 3 DataNodes", hdfs);

        YarnConfiguration yc = new YarnConfiguration();
        yc.set("fs.defaultFS", hdfs);
        yc.setInt(YarnConfiguration.NM_PMEM_MB, 4096);
        yc.setInt(YarnConfiguration.NM_VCORES, 4);
        yc.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 64);
        yc.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
        yc.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
        // One queue that may give all of the node to ApplicationMasters (a cluster-mode driver is one).
        yc.set("yarn.scheduler.capacity.root.queues", "default");
        yc.set("yarn.scheduler.capacity.root.default.capacity", "100");
        yc.set("yarn.scheduler.capacity.maximum-am-resource-percent", "1.0");
        yc.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "100.0");
        yc.setLong(YarnConfiguration.RM_NM_HEARTBEAT_INTERVAL_MS, 200);
        yarn = new MiniYARNCluster("yarn-hdfs-it-yarn", 1, 1, 1);
        yarn.init(yc);
        yarn.start();
        // start() may return before the ResourceManager has its port in the configuration (Spark's suites wait too).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (yarn.getConfig().get(YarnConfiguration.RM_ADDRESS, ":0").endsWith(":0")) {
            assertThat(System.nanoTime()).as("the ResourceManager's address").isLessThan(deadline);
            Thread.sleep(100);
        }
        log("YARN up: ResourceManager %s", yarn.getConfig().get(YarnConfiguration.RM_ADDRESS));

        hadoopConf = Files.createDirectories(WORK.resolve("hadoop-conf"));
        Configuration core = new Configuration(false);
        core.set("fs.defaultFS", hdfs);
        core.set("dfs.replication", "2");
        write(core, hadoopConf.resolve("core-site.xml"));
        write(yarn.getConfig(), hadoopConf.resolve("yarn-site.xml"));
        sparkHome = buildSparkHome();

        try (FileSystem fs = FileSystem.newInstance(URI.create(hdfs), new Configuration())) {
            fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(Path.of("conf/data/anscombe.csv").toUri()),
                    new org.apache.hadoop.fs.Path("/data/anscombe.csv"));
        }
        yarnSpec = Files.writeString(WORK.resolve("anscombe.yaml"), SPEC.replace("DATA", "hdfs:///data/anscombe.csv"));
        Path localSpec = Files.writeString(WORK.resolve("anscombe-local.yaml"),
                SPEC.replace("DATA", Path.of("conf/data/anscombe.csv").toAbsolutePath().toString()));
        Path local = WORK.resolve("local-anscombe");
        assertThat(gdsweep("run", localSpec.toString(), "--out", local.toString(), "--master", "local[2]",
                "--no-report", "--quiet")).isZero();
        localRunsReference = local.resolve("runs");
        log("local reference written");
    }

    @AfterAll
    static void stopMiniClusters() {
        try {
            if (reader != null) {
                reader.stop();
            }
        } finally {
            try {
                if (yarn != null) {
                    yarn.stop();
                }
            } finally {
                if (dfs != null) {
                    dfs.shutdown();
                }
                log("YarnHdfsIT done");
            }
        }
    }

    @Test
    @Order(1)
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void clientModeOnYarnReadsDataFromHdfsAndWritesTheReportThere() throws Exception {
        Scripts.Result r = submit("client-mode", "--master", "yarn", "--deploy-mode", "client", "--",
                "run", yarnSpec.toString(), "--out", "hdfs:///reports/anscombe", "--run-id", "2026-12-01T0000Z",
                "--no-report");
        log("client mode: exit %d", r.code());
        assertThat(r.code()).as("%s", r).isZero();
        // The driver runs here: its progress and summary reach the console.
        assertThat(r.out()).contains("24 runs in").contains("Report: hdfs://");
        String report = hdfs + "/reports/anscombe/run_id=2026-12-01T0000Z";
        assertThat(exists(report + "/_SUCCESS")).isTrue();
        assertSameRuns(report + "/runs");

        // report and runs here, as a client of the cluster (its fs.defaultFS, as HADOOP_CONF_DIR would give).
        System.setProperty("spark.hadoop.fs.defaultFS", hdfs);
        try {
            StringWriter out = new StringWriter();
            assertThat(gdsweep(out, "runs", hdfs + "/reports/anscombe")).isZero();
            assertThat(out.toString()).contains("2026-12-01T0000Z");
            out = new StringWriter();
            assertThat(gdsweep(out, "report", report, "--quiet")).isZero();
            assertThat(out.toString()).contains("anscombe");
        } finally {
            System.clearProperty("spark.hadoop.fs.defaultFS");
        }
    }

    @Test
    @Order(2)
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void onHdfsASweepResumesAndTwoRunsOfAJobCompare() throws Exception {
        // A budget too small for more than one chunk: a partial report, then --resume completes it.
        String resumed = hdfs + "/reports/anscombe-resumed";
        assertThat(gdsweep("run", yarnSpec.toString().replace(".yaml", "-local.yaml"), "--out", resumed,
                "--master", "local[2]", "--no-report", "--quiet", "--set", "limits.max_seconds=0.001")).isZero();
        assertThat(text(resumed + "/report.yaml")).contains("complete: false");
        assertThat(gdsweep("run", yarnSpec.toString().replace(".yaml", "-local.yaml"), "--out", resumed,
                "--master", "local[2]", "--no-report", "--quiet", "--resume")).isZero();
        assertThat(text(resumed + "/report.yaml")).contains("complete: true");
        assertSameRuns(resumed + "/runs");

        // A second run of the job on HDFS (here in local mode), compared with the one YARN ran.
        // The spec names hdfs:///data/...: this JVM is given the cluster's default file system as
        // spark-submit's --conf would give it.
        System.setProperty("spark.hadoop.fs.defaultFS", hdfs);
        try {
            assertThat(gdsweep("run", yarnSpec.toString(), "--out", hdfs + "/reports/anscombe",
                    "--run-id", "2026-12-02T0000Z", "--master", "local[2]", "--no-report", "--quiet")).isZero();
            StringWriter out = new StringWriter();
            int code = gdsweep(out, "compare", hdfs + "/reports/anscombe", "--baseline", "previous",
                    "--candidate", "2026-12-02T0000Z");
            assertThat(code).as("compare: %s", out).isZero();
            assertThat(out.toString()).contains("2026-12-01T0000Z");
        } finally {
            System.clearProperty("spark.hadoop.fs.defaultFS");
        }
    }

    @Test
    @Order(3)
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void clusterModeOnYarnRunsTheDriverInTheApplicationMaster() throws Exception {
        // The spec is shipped with --files into the driver's working directory on the cluster.
        Scripts.Result r = submit("cluster-mode", "--master", "yarn", "--deploy-mode", "cluster",
                "--files", yarnSpec.toString(), "--",
                "run", yarnSpec.getFileName().toString(), "--out", "hdfs:///reports/anscombe-cluster");
        log("cluster mode: exit %d", r.code());
        assertThat(r.code()).as("%s", r).isZero();
        String report = hdfs + "/reports/anscombe-cluster";
        assertThat(exists(report + "/_SUCCESS")).isTrue();
        assertThat(exists(report + "/report.html")).as("report.html, rendered in the ApplicationMaster").isTrue();
        assertThat(text(report + "/report.yaml")).contains("complete: true");
        assertSameRuns(report + "/runs");
        // The driver's console output is in the ApplicationMaster container's stdout (yarn logs).
        assertThat(containerStdout()).anySatisfy(s -> assertThat(s).contains("Report: " + hdfs + "/reports/anscombe-cluster"));
    }

    @Test
    @Order(4)
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aDataNodeStoppedMidSweepLosesNoRunAndDuplicatesNone() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // Chunks of 2 runs: twelve Spark jobs, each writing its own files to HDFS.
            Future<Scripts.Result> sweep = pool.submit((Callable<Scripts.Result>) () -> submit("datanode-stopped",
                    "--master", "yarn", "--deploy-mode", "client", "--",
                    "run", yarnSpec.toString(), "--out", "hdfs:///reports/anscombe-dn", "--no-report",
                    "--set", "limits.chunk_runs=2"));
            String chunks = "/reports/.anscombe-dn.gdsweep-work/_chunks";
            long deadline = System.nanoTime() + SWEEP_TIMEOUT.toNanos();
            while (committedChunks(chunks) < 1 && !sweep.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(sweep.isDone()).as("the sweep is still running after its first chunk").isFalse();
            MiniDFSCluster.DataNodeProperties stopped = dfs.stopDataNode(0);
            assertThat(stopped).isNotNull();
            log("DataNode stopped after %d committed chunks", committedChunks(chunks));
            Scripts.Result r = sweep.get(SWEEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(r.code()).as("%s", r).isZero();
            String report = hdfs + "/reports/anscombe-dn";
            assertThat(text(report + "/report.yaml")).contains("complete: true");
            assertSameRuns(report + "/runs");
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- helpers

    /** bin/gdsweep-submit with the mini clusters' SPARK_HOME and HADOOP_CONF_DIR. */
    static Scripts.Result submit(String name, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of("bin/gdsweep-submit").toAbsolutePath().toString()));
        command.addAll(Arrays.asList(args));
        return Scripts.run(WORK.resolve("logs"), name, Map.of("SPARK_HOME", sparkHome.toString(),
                "HADOOP_CONF_DIR", hadoopConf.toString(), "YARN_CONF_DIR", hadoopConf.toString(),
                "GDSWEEP_JAR", thinJar.toString(), "SPARK_SCALA_VERSION", "2.13"), SWEEP_TIMEOUT, command.toArray(String[]::new));
    }

    /**
     * A SPARK_HOME as {@link StandaloneCluster} builds one (Spark's jars linked from the Maven build), with
     * spark-yarn added and the settings a cluster's administrator would make in spark-defaults.conf.
     */
    static Path buildSparkHome() throws IOException {
        Path home = WORK.resolve("spark-home");
        Path jars = Files.createDirectories(home.resolve("jars"));
        String cp = Files.readString(Path.of(System.getProperty("gdsweep.sparkClasspath", "target/spark-classpath.txt")));
        List<String> entries = new ArrayList<>(Arrays.asList(cp.trim().split(File.pathSeparator)));
        entries.addAll(Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> Path.of(e).getFileName().toString().startsWith("spark-yarn_")).toList());
        assertThat(entries).as("spark-yarn on the test classpath").anyMatch(e -> e.contains("spark-yarn_"));
        for (String e : entries) {
            Files.createSymbolicLink(jars.resolve(Path.of(e).getFileName()), Path.of(e));
        }
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path submit = Files.writeString(bin.resolve("spark-submit"), StandaloneCluster.SPARK_SUBMIT);
        Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
        String javaHome = System.getProperty("java.home");
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/spark-defaults.conf"), String.join("\n",
                // Spark's jars are on every node already (here: this machine): nothing to upload per application.
                "spark.yarn.jars local:" + jars + "/*",
                "spark.yarn.appMasterEnv.JAVA_HOME " + javaHome,
                "spark.executorEnv.JAVA_HOME " + javaHome,
                "spark.yarn.appMasterEnv.SPARK_LOCAL_IP 127.0.0.1",
                "spark.executorEnv.SPARK_LOCAL_IP 127.0.0.1",
                "spark.executor.instances 2",
                "spark.executor.cores 1",
                "spark.executor.memory 512m",
                "spark.driver.memory 512m",
                "spark.yarn.am.memory 256m",
                "spark.yarn.maxAppAttempts 1",
                "spark.yarn.scheduler.heartbeat.interval-ms 500",
                "spark.ui.enabled false",
                ""));
        return home;
    }

    /** A gdsweep command in this JVM (local mode), as bin/gdsweep runs it. */
    static int gdsweep(String... args) {
        return gdsweep(new StringWriter(), args);
    }

    static int gdsweep(StringWriter out, String... args) {
        StringWriter err = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        log("gdsweep %s: exit %d", String.join(" ", args), code);
        if (code != 0) {
            System.err.println(out + "\n" + err);
        }
        return code;
    }

    /** Every run id once, and each run's row (all but elapsed_ms) as local mode wrote it. */
    static void assertSameRuns(String runs) {
        List<Long> ids = read(runs).select("run_id").as(Encoders.LONG()).collectAsList().stream().sorted().toList();
        assertThat(ids).as("run ids in " + runs + ", each exactly once")
                .isEqualTo(LongStream.range(0, RUNS).boxed().toList());
        assertThat(rows(runs)).as("the runs in " + runs + " and in local mode")
                .containsExactlyElementsOf(rows(localRunsReference.toUri().toString()));
    }

    static List<String> rows(String runs) {
        return read(runs).drop("elapsed_ms").orderBy("run_id").collectAsList().stream().map(Row::toString).toList();
    }

    static Dataset<Row> read(String path) {
        // A sweep run in this JVM stops the session it shares, so ask again after one.
        if (reader == null || reader.sparkContext().isStopped()) {
            reader = SparkSession.builder().master("local[2]").appName("YarnHdfsIT reader")
                    .config("spark.ui.enabled", "false").getOrCreate();
        }
        return reader.read().parquet(path);
    }

    static boolean exists(String uri) throws IOException {
        try (FileSystem fs = FileSystem.newInstance(URI.create(uri), new Configuration())) {
            return fs.exists(new org.apache.hadoop.fs.Path(uri));
        }
    }

    static String text(String uri) throws IOException {
        try (FileSystem fs = FileSystem.newInstance(URI.create(uri), new Configuration());
                var in = fs.open(new org.apache.hadoop.fs.Path(uri))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    static int committedChunks(String dir) throws IOException {
        try (FileSystem fs = FileSystem.newInstance(URI.create(hdfs), new Configuration())) {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(dir);
            return fs.exists(p) ? fs.listStatus(p).length : 0;
        }
    }

    /** The stdout of every YARN container so far (the NodeManager's log directories). */
    static List<String> containerStdout() throws IOException {
        try (Stream<Path> s = Files.walk(Path.of("target", "test", "data", "yarn-hdfs-it-yarn"))) {
            return s.filter(p -> p.getFileName().toString().equals("stdout")).map(StandaloneCluster::read).toList();
        }
    }

    static void write(Configuration conf, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            conf.writeXml(out);
        }
    }

    static void log(String format, Object... args) {
        System.out.printf("[YarnHdfsIT %5.1f s] %s%n", (System.nanoTime() - started) / 1e9, String.format(format, args));
        System.out.flush();
    }
}
