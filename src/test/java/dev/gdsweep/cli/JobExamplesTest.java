package dev.gdsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine;

/**
 * The scheduled-job examples in jobs/ agree on one installed layout, /opt/gdsweep, as jobs/Dockerfile
 * and jobs/install.sh make it: every path the Airflow DAG and the Kubernetes objects name is in it, its
 * sources exist in the repository, and the gdsweep arguments they pass parse. JobScriptsIT installs the
 * layout and runs its commands.
 */
class JobExamplesTest {

    static final String HOME = "/opt/gdsweep";

    /** The Dockerfile's COPY lines, image path → repository path, its ARG defaults substituted. */
    static Map<String, String> imageLayout() throws IOException {
        Map<String, String> args = new LinkedHashMap<>();
        Map<String, String> layout = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("jobs/Dockerfile"))) {
            Matcher arg = Pattern.compile("^ARG (\\w+)=(\\S+)$").matcher(line);
            if (arg.matches()) {
                args.put(arg.group(1), arg.group(2));
            }
            Matcher copy = Pattern.compile("^COPY (\\S+) (\\S+)$").matcher(line);
            if (copy.matches()) {
                String source = copy.group(1);
                for (Map.Entry<String, String> a : args.entrySet()) {
                    source = source.replace("${" + a.getKey() + "}", a.getValue());
                }
                layout.put(copy.group(2), source);
            }
        }
        return layout;
    }

    static String version() throws IOException {
        Matcher m = Pattern.compile("(?m)^  <version>(.*)</version>").matcher(Files.readString(Path.of("pom.xml")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void theDockerfileCopiesFilesThatExistAndTheJarTheBuildMakes() throws IOException {
        Map<String, String> layout = imageLayout();
        assertThat(layout).containsOnlyKeys(HOME + "/lib/gdsweep-spark.jar", HOME + "/bin/gdsweep",
                HOME + "/bin/gdsweep-submit", HOME + "/conf/log4j2.properties", HOME + "/jobs/nightly-rosenbrock.yaml");
        assertThat(layout.get(HOME + "/lib/gdsweep-spark.jar")).isEqualTo("target/gdsweep-" + version() + "-spark.jar");
        layout.forEach((image, source) -> {
            if (!source.startsWith("target/")) {
                assertThat(Path.of(source)).as(image + "'s source").isRegularFile();
            }
        });
        assertThat(Files.readString(Path.of("jobs/Dockerfile"))).containsPattern("(?m)^FROM \\$\\{SPARK_IMAGE}$")
                .containsPattern("(?m)^ARG SPARK_IMAGE=apache/spark:4\\.2\\.\\d+");
    }

    @Test
    void installShMakesTheSameLayoutAsTheImage() throws IOException {
        Map<String, String> installed = new LinkedHashMap<>();
        Matcher cp = Pattern.compile("(?m)^cp \"(\\$root/[^\"]+|\\$jar)\" \"\\$dest/([^\"]+)\"$")
                .matcher(Files.readString(Path.of("jobs/install.sh")));
        while (cp.find()) {
            installed.put(HOME + "/" + cp.group(2), cp.group(1).equals("$jar") ? "target/gdsweep-" + version()
                    + "-spark.jar" : cp.group(1).substring("$root/".length()));
        }
        assertThat(installed).isEqualTo(imageLayout());
    }

    @Test
    void theAirflowDagCompilesAndNamesOnlyPathsOfTheLayout() throws Exception {
        Path dag = Path.of("jobs/airflow/gdsweep_nightly.py");
        assumeTrue(python3(), "no python3 on this machine");
        Process p = new ProcessBuilder("python3", "-c", "import sys; compile(open(sys.argv[1]).read(), sys.argv[1], 'exec')",
                dag.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();

        String text = Files.readString(dag);
        assertThat(text).contains("GDSWEEP_HOME = \"" + HOME + "\"");
        List<String> paths = new ArrayList<>();
        Matcher m = Pattern.compile("\\{GDSWEEP_HOME}(/[\\w./-]+)").matcher(text);
        while (m.find()) {
            paths.add(HOME + m.group(1));
        }
        assertThat(paths).contains(HOME + "/lib/gdsweep-spark.jar", HOME + "/bin/gdsweep",
                HOME + "/jobs/nightly-rosenbrock.yaml");
        assertThat(imageLayout()).containsKeys(paths.toArray(String[]::new));
        // The commands it runs are gdsweep's, with arguments gdsweep takes.
        assertThat(text).contains("java_class=\"" + Main.class.getName() + "\"");
        parses("run", HOME + "/jobs/nightly-rosenbrock.yaml", "--run-id", "20261129T030000", "--quiet");
        Matcher compare = Pattern.compile("bin/gdsweep (\\w+) ").matcher(text);
        assertThat(compare.find()).isTrue();
        parses(compare.group(1), "hdfs:///reports/nightly-rosenbrock", "--baseline", "previous", "--candidate",
                "20261129T030000");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKubernetesObjectsRunTheLayoutsJarAndCommandWithArgumentsGdsweepTakes() throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        new Load(LoadSettings.builder().build()).loadAllFromString(
                Files.readString(Path.of("jobs/kubernetes/scheduled-sweep.yaml"))).forEach(d -> docs.add((Map<String, Object>) d));
        assertThat(docs).extracting(d -> d.get("kind")).containsExactly("ScheduledSparkApplication", "CronJob");
        Map<String, String> layout = imageLayout();

        Map<String, Object> app = (Map<String, Object>) ((Map<String, Object>) docs.get(0).get("spec")).get("template");
        assertThat(app.get("mainClass")).isEqualTo(Main.class.getName());
        String jar = (String) app.get("mainApplicationFile");
        assertThat(jar).startsWith("local://");
        assertThat(layout).containsKey(jar.substring("local://".length()));
        List<String> arguments = (List<String>) app.get("arguments");
        assertThat(layout).containsKey(arguments.get(1));
        parses(arguments.toArray(String[]::new));

        Map<String, Object> job = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                ((Map<String, Object>) ((Map<String, Object>) docs.get(1).get("spec")).get("jobTemplate")).get("spec"))
                .get("template")).get("spec");
        Map<String, Object> container = ((List<Map<String, Object>>) job.get("containers")).get(0);
        assertThat(container.get("image")).isEqualTo(app.get("image"));
        List<String> command = (List<String>) container.get("command");
        assertThat(layout).containsKey(command.get(0));
        List<String> args = (List<String>) container.get("args");
        assertThat(args).startsWith("compare").contains("latest");
        parses(args.toArray(String[]::new));
        // The same S3 credentials for the driver, the executors and the compare job.
        assertThat(List.of(((Map<String, Object>) app.get("driver")).get("envFrom"),
                ((Map<String, Object>) app.get("executor")).get("envFrom"), container.get("envFrom")))
                .allSatisfy(e -> assertThat(e.toString()).contains("gdsweep-s3"));
    }

    /** The arguments are a gdsweep command line picocli accepts (a command, its options and values). */
    static void parses(String... args) {
        CommandLine.ParseResult parsed = Main.commandLine().parseArgs(args);
        assertThat(parsed.subcommand()).as(String.join(" ", args)).isNotNull();
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo(args[0]);
    }

    static boolean python3() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
