package dev.gdsweep.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdsweep.cli.Main;
import dev.gdsweep.store.ReportFixture;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Bad input through the command line, as a user meets it: each case exits with 2 and one line naming
 * where the problem is, the rule and the value; no stack trace; Spark never starts; the output
 * location is untouched. The spec-level cases are {@code MalformedSpecTest}'s, run here through
 * {@code gdsweep run}; the rest are files, paths and options.
 */
class BadInputCatalogueTest {

    static final String GOOD = """
            loss: {function: himmelblau}
            learning_rate: {log: {from: 1.0e-4, to: 0.1, count: 4}}
            initial_weights: {grid: {min: [-5, -5], max: [5, 5], count: [3, 3]}}
            """;

    @TempDir
    Path dir;

    record Outcome(int code, String out, String err) {}

    private Outcome execute(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return new Outcome(cl.execute(args.toArray(String[]::new)), out.toString(), err.toString());
    }

    @AfterEach
    void sparkNeverStarted() {
        assertThat(SparkSession.getDefaultSession().isEmpty()).as("a Spark session was started").isTrue();
        assertThat(SparkSession.getActiveSession().isEmpty()).as("a Spark session was started").isTrue();
    }

    static Stream<Arguments> specCases() {
        return dev.gdsweep.spec.MalformedSpecTestCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specCases")
    void aMalformedSpecIsRefusedBeforeAnythingRuns(String what, String yaml, String expected) throws IOException {
        Path spec = Files.writeString(dir.resolve("spec.yaml"), yaml);
        Path out = dir.resolve("out");

        Outcome r = execute(List.of("run", spec.toString(), "--out", out.toString()));

        assertThat(r.code()).as(what).isEqualTo(2);
        assertThat(r.err()).as(what).startsWith("error: " + spec + expected);
        assertOneLineWithoutTrace(r);
        assertThat(out).doesNotExist();
        assertThat(dir.resolve(".out.gdsweep-lock")).doesNotExist();
    }

    /** A case: a description, how to set it up in {@code dir}, the arguments, and the expected message. */
    interface Setup {
        List<String> args(Path dir) throws IOException;
    }

    static Stream<Arguments> otherCases() {
        return Stream.of(
                bad("missing spec file", d -> List.of("run", d.resolve("nope.yaml").toString()),
                        "spec file not found"),
                bad("spec is a directory", d -> List.of("validate", Files.createDirectories(d.resolve("s")).toString()),
                        "is a directory, not a spec file"),
                bad("spec is not UTF-8", d -> {
                    Path p = d.resolve("latin1.yaml");
                    Files.write(p, "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
                    return List.of("validate", p.toString());
                }, "spec file is not UTF-8 text"),
                bad("output is an existing file", d -> {
                    Path file = Files.writeString(d.resolve("taken"), "x");
                    return List.of("run", spec(d).toString(), "--out", file.toString());
                }, "is an existing file; give a directory path"),
                bad("output parent is a file", d -> {
                    Path file = Files.writeString(d.resolve("parent"), "x");
                    return List.of("run", spec(d).toString(), "--out", file.resolve("report").toString());
                }, "is a file, not a directory"),
                bad("output not writable", d -> List.of("run", spec(d).toString(), "--out", "/proc/gdsweep/report"),
                        "is not writable"),
                bad("existing report without --overwrite", d -> {
                    Path out = ReportFixture.report(d.resolve("report"));
                    return List.of("run", spec(d).toString(), "--out", out.toString());
                }, "already exists and is not empty; pass --overwrite to replace it"),
                bad("existing directory of the user's without --overwrite", d -> {
                    Path out = Files.createDirectories(d.resolve("report"));
                    Files.writeString(out.resolve("keep"), "x");
                    return List.of("run", spec(d).toString(), "--out", out.toString());
                }, "report' already exists and is not a gdsweep report (it holds keep), so --overwrite cannot replace "
                        + "it: choose another output path, or move those files away"),
                // Issue 19: --overwrite deleted any directory.
                bad("--overwrite of a directory of the user's", d -> {
                    Path out = Files.createDirectories(d.resolve("mine").resolve("photos"));
                    Files.writeString(out.resolveSibling("notes.txt"), "x");
                    Files.writeString(out.resolve("cat.jpg"), "x");
                    return List.of("run", spec(d).toString(), "--out", d.resolve("mine").toString(), "--overwrite");
                }, "mine' already exists and is not a gdsweep report (it holds notes.txt, photos/), so --overwrite "
                        + "cannot replace it"),
                bad("--overwrite of the directory that holds the spec", d -> {
                    Path project = Files.createDirectories(d.resolve("project"));
                    Path spec = Files.writeString(project.resolve("good.yaml"), GOOD);
                    return List.of("run", spec.toString(), "--out", project.toString(), "--overwrite");
                }, "project' holds the spec file of this sweep, '"),
                bad("--overwrite of a parent of the spec", d -> List.of("run", spec(d).toString(), "--out",
                        d.toString(), "--overwrite"), "holds the spec file of this sweep, '"),
                bad("--out is the spec file", d -> List.of("run", spec(d).toString(), "--out",
                        spec(d).toString(), "--overwrite"), "good.yaml' is the spec file of this sweep; a report "
                        + "there would replace it: choose another output path"),
                bad("--overwrite of the directory that holds the data", d -> {
                    Path csv = Files.writeString(Files.createDirectories(d.resolve("data")).resolve("train.csv"),
                            "a,b,y\n1,2,x\n3,4,z\n");
                    return List.of("run", model(d, csv, "y").toString(), "--out", csv.getParent().toString(),
                            "--overwrite");
                }, "data' holds the data of this sweep, '"),
                bad("--overwrite of the directory that holds a plugin jar", d -> {
                    Path jar = Files.createDirectories(d.resolve("lib")).resolve("losses.jar");
                    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                        out.putNextEntry(new JarEntry("README.txt"));
                        out.write("my losses".getBytes(StandardCharsets.UTF_8));
                    }
                    return List.of("run", spec(d).toString(), "--plugin-jar", jar.toString(), "--out",
                            jar.getParent().toString(), "--overwrite");
                }, "lib' holds a plugin jar of this sweep, '"),
                bad("--overwrite of a report with a file of the user's in it", d -> {
                    Path out = ReportFixture.report(d.resolve("report"));
                    Files.writeString(out.resolve("notes.txt"), "mine");
                    Files.writeString(out.resolve("runs").resolve("extra.csv"), "mine");
                    return List.of("run", spec(d).toString(), "--out", out.toString(), "--overwrite");
                }, "(it holds notes.txt, runs/extra.csv besides a report), so --overwrite cannot replace it"),
                bad("--overwrite of a scheduled job's directory", d -> {
                    Path job = d.resolve("job");
                    ReportFixture.report(job.resolve("run_id=2026-12-01T0300Z"));
                    return List.of("run", spec(d).toString(), "--out", job.toString(), "--overwrite");
                }, "(it holds run_id=2026-12-01T0300Z/), so --overwrite cannot replace it"),
                // Issue 19: a plain rerun discarded an interrupted sweep's committed chunks.
                bad("a plain rerun over an interrupted sweep's committed runs", d -> {
                    ReportFixture.interrupted(d.resolve("out"), 2, 30);
                    return List.of("run", spec(d).toString(), "--out", d.resolve("out").toString());
                }, "out': an interrupted sweep has 60 runs committed in '"),
                bad("--set of an unknown key", d -> List.of("run", spec(d).toString(), "--set", "stopping.tolerance=1"),
                        "--set stopping.tolerance=1: stopping.tolerance: unknown key 'tolerance'"),
                bad("--set without a value", d -> List.of("run", spec(d).toString(), "--set", "stopping.patience"),
                        "--set: expected KEY=VALUE"),
                bad("--set with a bad key", d -> List.of("run", spec(d).toString(), "--set", "1stopping=3"),
                        "--set: KEY must be dotted names"),
                bad("--set with bad YAML", d -> List.of("run", spec(d).toString(), "--set", "learning_rate=[0.1"),
                        "--set learning_rate=[0.1: YAML syntax error"),
                bad("--set of a wrong type", d -> List.of("run", spec(d).toString(), "--set", "stopping.patience=soon"),
                        "--set stopping.patience=soon: stopping.patience: must be a whole number, got soon"),
                bad("negative --partitions", d -> List.of("run", spec(d).toString(), "--partitions", "-2"),
                        "Invalid value for option '--partitions': must be >= 0 (0: from the chunk size and the "
                                + "cores), got -2"),
                bad("--partitions not a number", d -> List.of("run", spec(d).toString(), "--partitions", "all"),
                        "Invalid value for option '--partitions'"),
                bad("missing --plugin-jar", d -> List.of("run", spec(d).toString(), "--plugin-jar",
                        d.resolve("none.jar").toString()), "--plugin-jar: no such file"),
                bad("--plugin-jar not a jar", d -> List.of("validate", spec(d).toString(), "--plugin-jar",
                        Files.writeString(d.resolve("fake.jar"), "not a zip").toString()),
                        "--plugin-jar: not a readable jar file"),
                bad("unknown option", d -> List.of("run", spec(d).toString(), "--fast"), "Unknown option: '--fast'"),
                bad("missing data file", d -> List.of("run", model(d, d.resolve("none.csv"), "y").toString()),
                        "none.csv: data file not found"),
                bad("bad CSV cell", d -> {
                    Path csv = Files.writeString(d.resolve("bad.csv"), "a,b,y\n1,2,x\n3,oops,z\n");
                    return List.of("run", model(d, csv, "y").toString());
                }, "bad.csv:3: b: not a number, got \"oops\""),
                // Found by InputFuzzTest (seed 2, cases 699 and 972): names and classes with line breaks in them
                // split the one-line message.
                bad("a column name with a line break", d -> {
                    Path csv = Files.writeString(d.resolve("ok.csv"), "\"a\nb\",b,y\n1,2,x\n3,4,z\n");
                    return List.of("run", model(d, csv, "y").toString());
                }, "ok.csv:1: a: no such feature column; the columns are a\\nb, b, y"),
                bad("class names with line breaks", d -> {
                    Path csv = Files.writeString(d.resolve("ok.csv"), "a,b,y\n1,2,x\n3,4,z\n5,6,\"two\nlines\"\n");
                    return List.of("run", Files.writeString(d.resolve("logistic.yaml"), Files.readString(model(d, csv,
                            "y")).replace("softmax_regression", "logistic_regression")).toString());
                }, "logistic regression needs 2 classes, but the label 'y' has 3 (two\\nlines, x, z)"),
                bad("unknown label column", d -> {
                    Path csv = Files.writeString(d.resolve("ok.csv"), "a,b,y\n1,2,x\n3,4,z\n");
                    return List.of("run", model(d, csv, "label").toString());
                }, "ok.csv:1: label: no such label column; the columns are a, b, y"),
                // Issue 19: broken Parquet data exited 1 with the reader's words ("footer is too large: 2585528320to
                // be read", "Socket is closed by peer") and without the file's name.
                bad("a CSV file given as Parquet", d -> {
                    Path file = Files.writeString(d.resolve("rows.parquet"), "a,b,y\n1,2,x\n3,4,z\n");
                    return List.of("validate", parquetModel(d, file).toString());
                }, "rows.parquet: not a Parquet file: it does not start and end with the Parquet marker PAR1"),
                bad("an empty Parquet file", d -> {
                    Path file = Files.write(d.resolve("rows.parquet"), new byte[0]);
                    return List.of("validate", parquetModel(d, file).toString());
                }, "rows.parquet: not a Parquet file: it is empty"),
                bad("a truncated Parquet file", d -> {
                    byte[] bytes = Files.readAllBytes(parquet(d.resolve("whole.parquet")));
                    Path file = Files.write(d.resolve("rows.parquet"), Arrays.copyOf(bytes, bytes.length / 2));
                    return List.of("validate", parquetModel(d, file).toString());
                }, "rows.parquet: damaged Parquet file: it starts with the Parquet marker PAR1 but does not end with "
                        + "it, so it is truncated"),
                bad("a Parquet file whose footer length is damaged", d -> {
                    byte[] bytes = Files.readAllBytes(parquet(d.resolve("whole.parquet")));
                    int at = bytes.length - 8;
                    bytes[at] = 0;
                    bytes[at + 1] = 0;
                    bytes[at + 2] = 0x1b;
                    bytes[at + 3] = (byte) 0x9a;
                    Path file = Files.write(d.resolve("rows.parquet"), bytes);
                    return List.of("validate", parquetModel(d, file).toString());
                }, "rows.parquet: damaged Parquet file: its footer says it holds 2585460736 bytes of metadata, but the "
                        + "file has "),
                bad("a Parquet file whose footer is damaged", d -> {
                    byte[] bytes = Files.readAllBytes(parquet(d.resolve("whole.parquet")));
                    int length = ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
                    Arrays.fill(bytes, bytes.length - 8 - length, bytes.length - 8 - length / 2, (byte) 0xff);
                    Path file = Files.write(d.resolve("rows.parquet"), bytes);
                    return List.of("validate", parquetModel(d, file).toString());
                }, "rows.parquet: damaged Parquet file: its metadata (the footer) cannot be decoded ("),
                bad("a Parquet file whose data is damaged", d -> {
                    byte[] bytes = Files.readAllBytes(parquet(d.resolve("whole.parquet")));
                    Arrays.fill(bytes, 4, 40, (byte) 0xff);
                    Path file = Files.write(d.resolve("rows.parquet"), bytes);
                    return List.of("validate", parquetModel(d, file).toString());
                }, "rows.parquet: damaged Parquet file: its rows cannot be decoded ("),
                bad("a damaged part in a directory of Parquet files", d -> {
                    Path table = Files.createDirectories(d.resolve("table.parquet"));
                    parquet(table.resolve("part-00000.parquet"));
                    Files.writeString(table.resolve("part-00001.parquet"), "oops");
                    Files.writeString(table.resolve("_SUCCESS"), "");
                    return List.of("validate", parquetModel(d, table).toString());
                }, "table.parquet/part-00001.parquet: not a Parquet file: it is 4 bytes long, shorter than any "
                        + "Parquet file"),
                bad("check-loss tolerance", d -> List.of("check-loss", spec(d).toString(), "--tolerance", "0"),
                        "Invalid value for option '--tolerance': must be > 0, got 0.0"));
    }

    /** A softmax regression spec over {@code data} with label column {@code label}. */
    private static Path model(Path d, Path data, String label) throws IOException {
        return Files.writeString(d.resolve("model.yaml"), "loss: {model: softmax_regression, data: {path: " + data
                + ", label: " + label + ", features: [a, b]}}\nlearning_rate: 0.1\ninitial_weights: {zeros: true}\n"
                + "output: {path: " + d.resolve("model-report") + "}\n");
    }

    /** A logistic regression spec over the Parquet file or directory {@code data}, label y. */
    private static Path parquetModel(Path d, Path data) throws IOException {
        return Files.writeString(d.resolve("model.yaml"), "loss: {model: logistic_regression, data: {path: " + data
                + ", format: parquet, label: y}}\nlearning_rate: 0.1\ninitial_weights: {zeros: true}\n"
                + "output: {path: " + d.resolve("model-report") + "}\n");
    }

    /** A good Parquet file of 200 rows (a, b numbers; y a class) at {@code file}, written without Spark. */
    static Path parquet(Path file) throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType(
                "message rows { required double a; required double b; required binary y (UTF8); }");
        SimpleGroupFactory rows = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(
                new org.apache.hadoop.fs.Path(file.toUri())).withType(schema).withConf(new Configuration()).build()) {
            for (int i = 0; i < 200; i++) {
                writer.write(rows.newGroup().append("a", i * 0.5).append("b", Math.sin(i))
                        .append("y", i % 3 == 0 ? "x" : "z"));
            }
        }
        Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
        return file;
    }

    private static Path spec(Path d) throws IOException {
        return Files.writeString(d.resolve("good.yaml"), GOOD);
    }

    private static Arguments bad(String what, Setup setup, String expected) {
        return Arguments.of(what, setup, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherCases")
    void badFilesPathsAndOptionsAreRefusedToo(String what, Setup setup, String expected) throws IOException {
        List<String> args = new ArrayList<>(setup.args(dir));
        List<Path> before;
        try (Stream<Path> files = Files.walk(dir)) {
            before = files.sorted().toList();
        }

        Outcome r = execute(args);

        assertThat(r.code()).as("%s: %s", what, r.err()).isEqualTo(2);
        assertThat(r.err()).as(what).contains(expected);
        if (r.err().startsWith("error: ")) { // a usage error is followed by the command's usage
            assertThat(r.err().lines().filter(l -> !l.isBlank())).as(what).hasSize(1);
        }
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.sorted().toList()).as("files after %s", what).isEqualTo(before);
        }
    }

    private static void assertOneLineWithoutTrace(Outcome r) {
        assertThat(r.err().lines().filter(l -> !l.isBlank()).count()).isEqualTo(1);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }
}
