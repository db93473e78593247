package dev.gdsweep.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * {@code report.yaml}: how complete a report is and how it was made.
 *
 * @param complete false when the sweep's time budget ran out before every run was done
 * @param runsTotal runs in the grid
 * @param runsWritten runs in {@code runs/}
 * @param runsResumed runs taken over from an interrupted sweep by {@code --resume}
 * @param chunks chunks in the grid; {@code chunksWritten} of them are in the report
 * @param referenceLoss the certified reference optimum's loss by loss setting (convex models); null or empty
 *     without; written as {@code reference_loss}, one number, or by {@code loss_config} when there are several
 */
public record ReportInfo(
        boolean complete, long runsTotal, long runsWritten, long runsResumed, int chunks, int chunksWritten,
        String finishedUtc, double seconds, Map<String, Object> data, Map<String, Double> referenceLoss) {

    public ReportInfo(boolean complete, long runsTotal, long runsWritten, long runsResumed, int chunks,
            int chunksWritten, String finishedUtc, double seconds, Map<String, Object> data) {
        this(complete, runsTotal, runsWritten, runsResumed, chunks, chunksWritten, finishedUtc, seconds, data, null);
    }

    public ReportInfo(boolean complete, long runsTotal, long runsWritten, long runsResumed, int chunks,
            int chunksWritten, String finishedUtc, double seconds) {
        this(complete, runsTotal, runsWritten, runsResumed, chunks, chunksWritten, finishedUtc, seconds, null);
    }

    public String toYaml() {
        return toYaml(Map.of());
    }

    /** The info, then the entries of {@code more} (what the sweep found, for readers of report.yaml). */
    public String toYaml(Map<String, Object> more) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("complete", complete);
        m.put("runs_total", runsTotal);
        m.put("runs_written", runsWritten);
        m.put("runs_resumed", runsResumed);
        m.put("chunks", chunks);
        m.put("chunks_written", chunksWritten);
        m.put("finished_utc", finishedUtc);
        m.put("seconds", seconds);
        if (data != null) {
            m.put("data", data);
        }
        if (referenceLoss != null && !referenceLoss.isEmpty()) {
            m.put("reference_loss", referenceLoss.size() == 1 ? referenceLoss.values().iterator().next()
                    : new LinkedHashMap<>(referenceLoss));
        }
        m.putAll(more);
        return new Dump(DumpSettings.builder().build()).dumpToString(m);
    }

    public void write(FileSystem fs, Path dir) throws IOException {
        try (OutputStream out = fs.create(new Path(dir, ReportLayout.INFO), true)) {
            out.write(toYaml().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The info of the report in {@code dir}, if it has a readable one. */
    public static Optional<ReportInfo> read(FileSystem fs, Path dir) {
        return load(fs, dir).map(m -> new ReportInfo(
                Boolean.TRUE.equals(m.get("complete")),
                number(m.get("runs_total")).longValue(),
                number(m.get("runs_written")).longValue(),
                number(m.get("runs_resumed")).longValue(),
                number(m.get("chunks")).intValue(),
                number(m.get("chunks_written")).intValue(),
                String.valueOf(m.get("finished_utc")),
                number(m.get("seconds")).doubleValue()));
    }

    /**
     * Whether {@code dir} has a {@code report.yaml} as gdsweep writes it: every count present and a
     * number, {@code complete} a boolean. {@link #read} is lenient; this tells a report from a look-alike.
     */
    static boolean isWellFormed(FileSystem fs, Path dir) {
        return load(fs, dir).filter(m -> m.get("complete") instanceof Boolean
                && Stream.of("runs_total", "runs_written", "runs_resumed", "chunks", "chunks_written", "seconds")
                        .allMatch(key -> m.get(key) instanceof Number)).isPresent();
    }

    /**
     * Why the refinement of the report in {@code dir} stopped, as its {@code report.yaml} names it under
     * {@code refinement.stopped_by}; empty for a report written before this entry, or one without refinement.
     */
    public static Optional<String> refinementStoppedBy(FileSystem fs, Path dir) {
        return load(fs, dir).map(m -> m.get("refinement") instanceof Map<?, ?> r ? r.get("stopped_by") : null)
                .filter(String.class::isInstance).map(String.class::cast);
    }

    private static Optional<Map<?, ?>> load(FileSystem fs, Path dir) {
        Path file = new Path(dir, ReportLayout.INFO);
        try {
            if (!fs.exists(file)) {
                return Optional.empty();
            }
            try (InputStream in = fs.open(file)) {
                Object loaded = new Load(LoadSettings.builder().build())
                        .loadFromString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                return loaded instanceof Map<?, ?> m ? Optional.of(m) : Optional.empty();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Number number(Object o) {
        return o instanceof Number n ? n : 0;
    }
}
