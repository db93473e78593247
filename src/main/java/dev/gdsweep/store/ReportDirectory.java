package dev.gdsweep.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Tells a directory gdsweep wrote from anything else, so that replacing or clearing one never deletes
 * a file of the user's. A <em>report</em> has {@code _SUCCESS}, {@code spec.yaml}, {@code runs/} and a
 * well-formed {@code report.yaml} (a report is only ever published whole, so an interrupted sweep leaves
 * none: its work is in the work directory), and holds nothing but the parts gdsweep writes, checked one
 * level down: its own files and folders at the top, Spark's part files, commit markers and pictures in
 * those folders. A scheduled job's directory (with {@code run_id=} runs in it) is not a report.
 */
final class ReportDirectory {

    /** Spark's output files: part files, its {@code _SUCCESS}, and checksum side files. */
    private static final Predicate<String> SPARK_OUTPUT =
            Pattern.compile("(part-|chunk-\\d+-part-).+|_SUCCESS|\\..+\\.crc").asMatchPredicate();

    /** The folders of a report and what each may hold (files only). */
    private static final Map<String, Predicate<String>> FOLDERS = Map.of(
            ReportLayout.RUNS, SPARK_OUTPUT,
            ReportLayout.SUMMARY, SPARK_OUTPUT,
            ReportLayout.TRAJECTORIES, SPARK_OUTPUT,
            ReportLayout.REFINEMENT, SPARK_OUTPUT,
            ReportLayout.REFINEMENT_SUMMARY, SPARK_OUTPUT,
            ReportLayout.REFERENCE, SPARK_OUTPUT,
            ReportLayout.CHUNKS, Pattern.compile("\\d+(-runs-\\d+-\\d+)?|\\..+\\.crc").asMatchPredicate(),
            ReportLayout.IMAGES, Pattern.compile("[\\w.-]+\\.png|\\..+\\.crc").asMatchPredicate());

    /** The files at the top of a report. */
    private static final Set<String> FILES =
            Set.of(ReportLayout.SUCCESS, ReportLayout.SPEC, ReportLayout.INFO, ReportLayout.HTML);

    /** What a work directory may hold besides a report's parts: the scratch folders of uncommitted chunks. */
    private static final Predicate<String> CHUNK_SCRATCH = Pattern.compile("\\.chunk-\\d+").asMatchPredicate();

    /** The parts every report has: _SUCCESS, spec.yaml, runs/, report.yaml. */
    private static final int PARTS = 4;

    /** At most this many names in a message. */
    private static final int SHOWN = 5;

    private ReportDirectory() {}

    /**
     * Why {@code dir} (an existing, non-empty directory) is not a report gdsweep wrote, or null if it
     * is one. Lacking a part, it is someone's own directory: the parts it lacks and all it holds, e.g.
     * "it has no _SUCCESS, runs/, report.yaml; it holds data.csv, spec.yaml" (just what it holds when
     * it has none of the parts). With every part: what it holds besides, "it holds notes.txt, runs/x.csv
     * besides a report".
     */
    static String whyNotAReport(FileSystem fs, Path dir) throws IOException {
        List<String> missing = new ArrayList<>();
        for (String part : new String[] {ReportLayout.SUCCESS, ReportLayout.SPEC}) {
            if (!fs.isFile(new Path(dir, part))) {
                missing.add(part);
            }
        }
        if (!fs.isDirectory(new Path(dir, ReportLayout.RUNS))) {
            missing.add(ReportLayout.RUNS + "/");
        }
        if (!ReportInfo.isWellFormed(fs, dir)) {
            boolean present = fs.exists(new Path(dir, ReportLayout.INFO));
            missing.add(ReportLayout.INFO + (present ? " as gdsweep writes it" : ""));
        }
        if (!missing.isEmpty()) {
            List<String> all = new ArrayList<>();
            for (FileStatus s : fs.listStatus(dir)) {
                all.add(s.getPath().getName() + (s.isDirectory() ? "/" : ""));
            }
            String holds = "it holds " + list(all);
            return missing.size() == PARTS ? holds : "it has no " + String.join(", ", missing) + "; " + holds;
        }
        List<String> foreign = foreignEntries(fs, dir);
        return foreign.isEmpty() ? null : "it holds " + list(foreign) + " besides a report";
    }

    /**
     * The entries of a work directory that gdsweep did not write (top level only: below it, the
     * folders are Spark's and gdsweep's own scratch), as "notes.txt, data/"; empty if none.
     */
    static String foreignInWork(FileSystem fs, Path work) throws IOException {
        List<String> foreign = new ArrayList<>();
        for (FileStatus s : fs.listStatus(work)) {
            String name = s.getPath().getName();
            boolean ours = s.isDirectory() ? FOLDERS.containsKey(name) || CHUNK_SCRATCH.test(name)
                    : FILES.contains(name) || isChecksumOf(name, FILES);
            if (!ours) {
                foreign.add(name + (s.isDirectory() ? "/" : ""));
            }
        }
        return list(foreign);
    }

    /** The entries of {@code dir}, and of its folders one level down, that are not a report's. */
    private static List<String> foreignEntries(FileSystem fs, Path dir) throws IOException {
        List<String> foreign = new ArrayList<>();
        for (FileStatus s : fs.listStatus(dir)) {
            String name = s.getPath().getName();
            if (s.isDirectory() && FOLDERS.containsKey(name)) {
                Predicate<String> allowed = FOLDERS.get(name);
                for (FileStatus inner : fs.listStatus(s.getPath())) {
                    if (inner.isDirectory() || !allowed.test(inner.getPath().getName())) {
                        foreign.add(name + "/" + inner.getPath().getName() + (inner.isDirectory() ? "/" : ""));
                    }
                }
            } else if (s.isDirectory() || !(FILES.contains(name) || isChecksumOf(name, FILES))) {
                foreign.add(name + (s.isDirectory() ? "/" : ""));
            }
        }
        return foreign;
    }

    /** Hadoop's checksum side file of one of {@code files}: ".NAME.crc". */
    private static boolean isChecksumOf(String name, Set<String> files) {
        return name.startsWith(".") && name.endsWith(".crc")
                && files.contains(name.substring(1, name.length() - ".crc".length()));
    }

    private static String list(List<String> names) {
        List<String> sorted = names.stream().sorted().toList();
        String shown = String.join(", ", sorted.subList(0, Math.min(SHOWN, sorted.size())));
        return sorted.size() > SHOWN ? shown + " and " + (sorted.size() - SHOWN) + " more" : shown;
    }
}
