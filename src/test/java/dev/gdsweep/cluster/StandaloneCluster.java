package dev.gdsweep.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on 127.0.0.1 built from the Maven jars alone: a SPARK_HOME whose
 * {@code jars/} links the provided-scope classpath (Spark and its libraries, nothing of gdsweep), a
 * master and workers as JVM processes, and drivers submitted with {@code SparkSubmit} in client mode.
 * Every process it starts is stopped by its PID in {@link #close()}, its descendants (the executors the
 * workers launched) included, also those of a worker killed on purpose.
 */
final class StandaloneCluster implements AutoCloseable {

    static final String LOOPBACK = "127.0.0.1";

    /** Log4j config for every JVM here: INFO, so the logs tell registration and task progress. */
    private static final String LOG4J = """
            rootLogger.level = info
            rootLogger.appenderRef.stderr.ref = stderr
            appender.stderr.type = Console
            appender.stderr.name = stderr
            appender.stderr.target = SYSTEM_ERR
            appender.stderr.layout.type = PatternLayout
            appender.stderr.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n%ex
            logger.jetty.name = org.sparkproject.jetty
            logger.jetty.level = warn
            logger.hadoop.name = org.apache.hadoop
            logger.hadoop.level = warn
            logger.parquet.name = org.apache.parquet
            logger.parquet.level = warn
            """;

    /**
     * What {@code $SPARK_HOME/bin/spark-submit} does in a Spark distribution (via {@code spark-class}):
     * ask the launcher library for the driver's command line, NUL-separated after a NUL marker line,
     * and exec it. The launcher adds Spark's JVM flags, SPARK_SUBMIT_OPTS and the driver's java options.
     */
    static final String SPARK_SUBMIT = """
            #!/usr/bin/env bash
            # A stand-in for a Spark distribution's bin/spark-submit (written by StandaloneCluster).
            set -euo pipefail
            java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
            out=$(mktemp)
            code=0
            "$java" -Xmx128m -cp "$SPARK_HOME/jars/*" org.apache.spark.launcher.Main \\
                org.apache.spark.deploy.SparkSubmit "$@" > "$out" || code=$?
            if [ "$code" -ne 0 ]; then tr '\\0' '\\n' < "$out" >&2; rm -f "$out"; exit "$code"; fi
            # The output: an empty field and a newline (the marker), then the command, NUL-separated.
            cmd=()
            while IFS= read -r -d '' arg; do cmd+=("$arg"); done < "$out"
            rm -f "$out"
            [ -z "${cmd[0]}" ] && cmd=("${cmd[@]:1}")
            cmd[0]=${cmd[0]#$'\\n'}
            exec "${cmd[@]}"
            """;

    /** A process this cluster started, with its two log files. */
    record Managed(String name, Process process, Path out, Path err) {

        long pid() {
            return process.pid();
        }

        String errLog() {
            return read(err);
        }

        String outLog() {
            return read(out);
        }
    }

    final Path dir;
    final Path sparkHome;
    final Path logs;
    final Path log4j;
    final int masterPort;
    final int masterUiPort;
    private final List<String> jvmFlags;
    private final List<Managed> processes = Collections.synchronizedList(new ArrayList<>());
    private final Set<ProcessHandle> adopted = Collections.synchronizedSet(new LinkedHashSet<>());
    private final List<Managed> workers = new ArrayList<>();
    private final Map<Managed, Integer> workerPorts = new HashMap<>();
    /** Stops the processes also when the test JVM itself is stopped (SIGTERM, Ctrl-C). */
    private final Thread shutdownHook = new Thread(this::stopAll, "standalone-cluster-shutdown");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    private StandaloneCluster(Path dir, Path sparkClasspath, Path jvmFlagsFile) throws IOException {
        this.dir = dir.toAbsolutePath();
        this.sparkHome = this.dir.resolve("spark-home");
        this.logs = Files.createDirectories(this.dir.resolve("logs"));
        this.log4j = Files.writeString(this.dir.resolve("log4j2-cluster.properties"), LOG4J);
        this.jvmFlags = Arrays.asList(Files.readString(jvmFlagsFile).trim().split("\\s+"));
        buildSparkHome(sparkClasspath);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        this.masterPort = freePort();
        this.masterUiPort = freePort();
    }

    /**
     * Builds SPARK_HOME under {@code dir} and starts the master and {@code workers} workers (1 core,
     * 1 GiB each). Call {@link #awaitWorkers} before submitting.
     */
    static StandaloneCluster start(Path dir, Path sparkClasspath, Path jvmFlags, int workers) throws IOException {
        StandaloneCluster c = new StandaloneCluster(dir, sparkClasspath, jvmFlags);
        try {
            c.startMaster();
            for (int i = 1; i <= workers; i++) {
                c.startWorker(i);
            }
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private void buildSparkHome(Path sparkClasspath) throws IOException {
        Path jars = Files.createDirectories(sparkHome.resolve("jars"));
        Files.createDirectories(sparkHome.resolve("conf"));
        String cp = Files.readString(sparkClasspath).trim();
        if (cp.isEmpty()) {
            throw new IllegalStateException(sparkClasspath + " is empty");
        }
        for (String entry : cp.split(java.io.File.pathSeparator)) {
            Path jar = Path.of(entry);
            Path link = jars.resolve(jar.getFileName());
            if (Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalStateException("two jars named " + jar.getFileName() + " on " + sparkClasspath);
            }
            try {
                Files.createSymbolicLink(link, jar);
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(jar, link);
            }
        }
        Path bin = Files.createDirectories(sparkHome.resolve("bin"));
        Path submit = Files.writeString(bin.resolve("spark-submit"), SPARK_SUBMIT);
        Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The environment of every process: this SPARK_HOME, loopback only, Scala 2.13; no inherited SPARK_*. */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_CONF_DIR", sparkHome.resolve("conf").toString());
        env.put("SPARK_LOCAL_IP", LOOPBACK);
        // Without it the worker cannot build an executor's classpath: "Cannot find any build directories".
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        return env;
    }

    String masterUrl() {
        return "spark://" + LOOPBACK + ":" + masterPort;
    }

    List<Managed> workers() {
        return List.copyOf(workers);
    }

    /** java with Spark's JVM flags (as the build writes them for bin/gdsweep) and the cluster's classpath. */
    List<String> java(String heap, String mainClass, List<String> systemProperties, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags);
        cmd.add("-Xmx" + heap);
        cmd.add("-Dlog4j2.configurationFile=" + log4j);
        cmd.addAll(systemProperties);
        cmd.add("-cp");
        cmd.add(sparkHome.resolve("jars") + "/*");
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    private void startMaster() throws IOException {
        // No REST submission server: it would listen on the fixed port 6066.
        start("master", java("512m", "org.apache.spark.deploy.master.Master",
                List.of("-Dspark.master.rest.enabled=false"),
                List.of("--host", LOOPBACK, "--port", Integer.toString(masterPort),
                        "--webui-port", Integer.toString(masterUiPort))), Map.of());
    }

    private void startWorker(int i) throws IOException {
        Path work = Files.createDirectories(dir.resolve("work-" + i));
        int port = freePort();
        Managed w = start("worker-" + i, java("512m", "org.apache.spark.deploy.worker.Worker", List.of(),
                List.of(masterUrl(), "--cores", "1", "--memory", "1g", "--host", LOOPBACK,
                        "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort()),
                        "--work-dir", work.toString())), Map.of());
        workers.add(w);
        workerPorts.put(w, port);
    }

    /** The worker listening on this RPC port (as a driver's log names it: "on worker-... (127.0.0.1:PORT)"). */
    Optional<Managed> workerOnPort(int port) {
        return workers.stream().filter(w -> workerPorts.get(w) == port).findFirst();
    }

    /** Starts a process with the cluster's environment (plus {@code env}), logging to logs/NAME.out and .err. */
    Managed start(String name, List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("SPARK_") || k.startsWith("GDSWEEP_"));
        pb.environment().putAll(environment());
        pb.environment().putAll(env);
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Managed m = new Managed(name, pb.start(), out, err);
        processes.add(m);
        return m;
    }

    /**
     * Submits gdsweep in client mode with {@code SparkSubmit}: the driver runs in the child JVM, the
     * executors in the workers' JVMs.
     */
    Managed submit(String name, Path appJar, List<String> sparkConf, List<String> gdsweepArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("--master", masterUrl(), "--deploy-mode", "client",
                "--class", "dev.gdsweep.cli.Main",
                "--conf", "spark.driver.host=" + LOOPBACK,
                "--conf", "spark.driver.bindAddress=" + LOOPBACK,
                "--conf", "spark.ui.port=" + freePort()));
        for (String c : sparkConf) {
            args.add("--conf");
            args.add(c);
        }
        args.add(appJar.toAbsolutePath().toString());
        args.addAll(gdsweepArgs);
        return start(name, java("1g", "org.apache.spark.deploy.SparkSubmit", List.of(), args), Map.of());
    }

    /**
     * Submits gdsweep in cluster deploy mode: {@code SparkSubmit} asks the master to launch the driver on
     * a worker (in a JVM the worker starts, with the application jar copied from {@code appJar}'s path)
     * and exits once the master has it; {@link #awaitDriver} waits for the driver itself. The driver gets
     * Spark's JVM flags and this cluster's log4j config through spark.driver.extraJavaOptions; its
     * output goes to the worker's work directory ({@link #driverLog}).
     */
    Managed submitToWorker(String name, Path appJar, List<String> gdsweepArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("--master", masterUrl(), "--deploy-mode", "cluster",
                "--class", "dev.gdsweep.cli.Main",
                "--conf", "spark.driver.host=" + LOOPBACK,
                "--conf", "spark.driver.bindAddress=" + LOOPBACK,
                "--conf", "spark.driver.memory=512m",
                "--conf", "spark.driver.extraJavaOptions=" + String.join(" ", jvmFlags)
                        + " -Dlog4j2.configurationFile=" + log4j,
                "--conf", "spark.ui.enabled=false"));
        args.add(appJar.toAbsolutePath().toString());
        args.addAll(gdsweepArgs);
        return start(name, java("256m", "org.apache.spark.deploy.SparkSubmit", List.of(), args), Map.of());
    }

    /** The drivers the master knows (running or completed), each with its state ("RUNNING", "FINISHED", ...). */
    Map<String, String> drivers() {
        Map<String, String> drivers = new java.util.LinkedHashMap<>();
        masterState().ifPresent(json -> {
            Matcher m = DRIVER.matcher(json);
            while (m.find()) {
                drivers.put(m.group(1), m.group(2));
            }
        });
        return drivers;
    }

    private static final Pattern DRIVER = Pattern.compile(
            "\"id\"\\s*:\\s*\"(driver-[^\"]+)\"[^{}]*?\"state\"\\s*:\\s*\"(\\w+)\"");
    private static final Set<String> DRIVER_ENDED = Set.of("FINISHED", "FAILED", "ERROR", "KILLED");

    /**
     * Waits for a driver the master did not know before ({@code known}) to end, and returns its id and
     * final state; fails if none ends within the timeout.
     */
    Map.Entry<String, String> awaitDriver(Set<String> known, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Map.Entry<String, String> d : drivers().entrySet()) {
                if (!known.contains(d.getKey()) && DRIVER_ENDED.contains(d.getValue())) {
                    return Map.entry(d.getKey(), d.getValue());
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no new driver ended within " + timeout.toSeconds() + " s; the master knows "
                + drivers());
    }

    /** A driver's stdout or stderr ({@code file}) in the work directory of the worker that ran it. */
    Optional<Path> driverLog(String driverId, String file) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("work-"))
                    .map(w -> w.resolve(driverId).resolve(file)).filter(Files::isRegularFile).findFirst();
        }
    }

    /** Every application directory the workers have made (work-N/app-...), one per application and worker. */
    Set<Path> applicationDirs() throws IOException {
        Set<Path> apps = new java.util.TreeSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path w : s.filter(p -> p.getFileName().toString().startsWith("work-")).toList()) {
                try (Stream<Path> a = Files.list(w)) {
                    a.filter(p -> p.getFileName().toString().startsWith("app-")).forEach(apps::add);
                }
            }
        }
        return apps;
    }

    /** Waits until the master reports {@code n} alive workers; fails early if a cluster process died. */
    void awaitWorkers(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int alive = -1;
        while (System.nanoTime() < deadline) {
            for (Managed m : List.copyOf(processes)) {
                if (!m.process().isAlive()) {
                    throw new IllegalStateException(m.name() + " exited with " + m.process().exitValue()
                            + " before " + n + " workers registered");
                }
            }
            alive = masterState().map(StandaloneCluster::aliveWorkers).orElse(-1);
            if (alive >= n) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("after " + timeout.toSeconds() + " s the master reports " + alive
                + " alive workers, not " + n);
    }

    /** The master's state as JSON (its web UI's /json/), if it answers. */
    Optional<String> masterState() {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + LOOPBACK + ":" + masterUiPort + "/json/"))
                    .timeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static int aliveWorkers(String masterJson) {
        Matcher m = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)").matcher(masterJson);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** Waits for a process to exit; fails, after killing it, if it does not within the timeout. */
    static int await(Managed m, Duration timeout) throws InterruptedException {
        if (!m.process().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            m.process().destroyForcibly();
            throw new AssertionError(m.name() + " did not finish within " + timeout.toSeconds() + " s");
        }
        return m.process().exitValue();
    }

    /**
     * SIGKILL of a worker's JVM. Its executors are left to notice on their own (they exit when the
     * connection to their worker drops); they are remembered, by PID, and stopped in {@link #close()}.
     */
    List<ProcessHandle> killWorker(Managed worker) throws InterruptedException {
        List<ProcessHandle> executors = worker.process().descendants().toList();
        adopted.addAll(executors);
        worker.process().destroyForcibly();
        worker.process().waitFor(30, TimeUnit.SECONDS);
        return executors;
    }

    /**
     * Every listening TCP socket of the cluster's processes (and of their descendants) whose address is
     * not loopback, as "name pid address:port"; read from /proc, so Linux only (empty elsewhere).
     */
    List<String> nonLoopbackListeners() throws IOException {
        Map<String, String> inodeOwner = new HashMap<>();
        for (Managed m : List.copyOf(processes)) {
            List<ProcessHandle> tree = new ArrayList<>();
            tree.add(m.process().toHandle());
            m.process().descendants().forEach(tree::add);
            for (ProcessHandle h : tree) {
                Path fds = Path.of("/proc", Long.toString(h.pid()), "fd");
                if (!Files.isDirectory(fds)) {
                    continue;
                }
                try (Stream<Path> s = Files.list(fds)) {
                    for (Path fd : s.toList()) {
                        try {
                            String target = Files.readSymbolicLink(fd).toString();
                            if (target.startsWith("socket:[")) {
                                inodeOwner.put(target.substring(8, target.length() - 1), m.name() + " " + h.pid());
                            }
                        } catch (IOException ignored) {
                            // the descriptor was closed meanwhile
                        }
                    }
                } catch (IOException ignored) {
                    // the process exited meanwhile
                }
            }
        }
        List<String> bad = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.isReadable(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p).subList(1, Files.readAllLines(p).size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 10 || !"0A".equals(f[3]) || !inodeOwner.containsKey(f[9])) {
                    continue; // not LISTEN, or not ours
                }
                String[] hostPort = f[1].split(":");
                InetAddress address = procAddress(hostPort[0]);
                if (!address.isLoopbackAddress()) {
                    bad.add(inodeOwner.get(f[9]) + " " + address.getHostAddress() + ":"
                            + Integer.parseInt(hostPort[1], 16));
                }
            }
        }
        return bad;
    }

    /** An address as /proc/net/tcp{,6} writes it: 32-bit words in host (little-endian) order. */
    static InetAddress procAddress(String hex) throws IOException {
        byte[] raw = new byte[hex.length() / 2];
        for (int word = 0; word < raw.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = word * 8 + (3 - b) * 2;
                raw[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return InetAddress.getByAddress(raw);
    }

    /** The tail of every log of this cluster: the processes it started and the executors' logs. */
    String diagnostics() {
        StringBuilder sb = new StringBuilder("==== standalone cluster diagnostics (" + dir + ")\n");
        sb.append("master: ").append(masterUrl()).append(", web UI http://").append(LOOPBACK).append(':')
                .append(masterUiPort).append('\n');
        for (Managed m : List.copyOf(processes)) {
            sb.append("---- ").append(m.name()).append(" pid ").append(m.pid()).append(": ")
                    .append(m.process().isAlive() ? "running" : "exit " + m.process().exitValue()).append('\n');
            sb.append(tail(m.out(), 20)).append(tail(m.err(), 40));
        }
        try (Stream<Path> s = Files.walk(dir, 6)) {
            for (Path p : s.filter(p -> p.toString().contains("/work-") && Files.isRegularFile(p)
                    && (p.endsWith("stderr") || p.endsWith("stdout"))).sorted().toList()) {
                sb.append("---- executor log ").append(dir.relativize(p)).append('\n').append(tail(p, 30));
            }
        } catch (IOException e) {
            sb.append("(cannot list executor logs: ").append(e).append(")\n");
        }
        return sb.append("==== end of cluster diagnostics\n").toString();
    }

    static String tail(Path file, int lines) {
        if (!Files.exists(file)) {
            return "  (" + file.getFileName() + ": none)\n";
        }
        List<String> all = read(file).lines().toList();
        StringBuilder sb = new StringBuilder("  [" + file.getFileName() + ", last " + Math.min(lines, all.size())
                + " of " + all.size() + " lines]\n");
        for (String l : all.subList(Math.max(0, all.size() - lines), all.size())) {
            sb.append("  | ").append(l).append('\n');
        }
        return sb.toString();
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port free on 127.0.0.1 right now. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops every process started here, newest first, and their descendants: SIGTERM, up to 10 s for
     * all to exit, then SIGKILL. Only by PID, only processes this cluster started (or whose parent it
     * started).
     */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to
        }
        stopAll();
    }

    private void stopAll() {
        List<ProcessHandle> all = new ArrayList<>();
        List<Managed> started = new ArrayList<>(processes);
        Collections.reverse(started);
        for (Managed m : started) {
            all.addAll(m.process().descendants().toList());
            all.add(m.process().toHandle());
        }
        all.addAll(adopted);
        for (ProcessHandle h : all) {
            h.destroy();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle h : all) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                try {
                    h.onExit().get(left, TimeUnit.NANOSECONDS);
                } catch (Exception ignored) {
                    // still running: killed below
                }
            }
        }
        for (ProcessHandle h : all) {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
    }
}
