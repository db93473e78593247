package dev.gdsweep.store;

import java.io.IOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The commit markers of a sweep, one empty file per committed chunk in {@code _chunks/}, named for the
 * chunk and, when the sweep's size is known, its runs: {@code 42-runs-1260-1290} holds runs 1260 to
 * 1289. A listing alone then tells how many runs are committed, and whether a resumed sweep cuts its
 * chunks the same way. Markers of a sweep of unknown size carry the chunk only ({@code 42}).
 */
final class ChunkMarkers {

    private static final Pattern NAME = Pattern.compile("(\\d+)(?:-runs-(\\d+)-(\\d+))?");

    private ChunkMarkers() {}

    /** The marker of chunk {@code c} of {@code sweep}. */
    static String name(int c, ReportLocation.Sweep sweep) {
        return sweep.runsIn(c) < 0 ? Integer.toString(c)
                : c + "-runs-" + sweep.chunkStart(c) + "-" + sweep.chunkStart(c + 1L);
    }

    /** The markers in {@code dir/_chunks}: chunk → its runs [from, to), or null for a marker that does not say. */
    static SortedMap<Integer, long[]> read(FileSystem fs, Path dir) throws IOException {
        SortedMap<Integer, long[]> markers = new TreeMap<>();
        Path folder = new Path(dir, ReportLayout.CHUNKS);
        if (fs.exists(folder)) {
            for (FileStatus s : fs.listStatus(folder)) {
                Matcher m = NAME.matcher(s.getPath().getName());
                if (m.matches()) {
                    markers.put(Integer.parseInt(m.group(1)), m.group(2) == null ? null
                            : new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
                }
            }
        }
        return markers;
    }

    /** The marker of chunk {@code c} holding runs [from, to), a refinement round's. */
    static String name(int c, long from, long to) {
        return c + "-runs-" + from + "-" + to;
    }

    /** The runs committed in {@code dir}: by the markers' own ranges, else by {@code sweep}'s chunks. */
    static Committed count(FileSystem fs, Path dir, ReportLocation.Sweep sweep) throws IOException {
        Committed c = Committed.NONE;
        for (Map.Entry<Integer, long[]> m : read(fs, dir).entrySet()) {
            long[] range = m.getValue();
            c = c.plus(range != null ? range[1] - range[0] : sweep.runsIn(m.getKey()));
        }
        return c;
    }

    /** Chunks committed and their runs ({@code runs} -1: unknown, only the chunks are counted). */
    record Committed(int chunks, long runs) {

        static final Committed NONE = new Committed(0, 0);

        Committed plus(long chunkRuns) {
            return new Committed(chunks + 1, runs < 0 || chunkRuns < 0 ? -1 : runs + chunkRuns);
        }

        /** "50 runs", or "2 chunks" when the runs are unknown. */
        String describe() {
            return runs >= 0 ? runs + (runs == 1 ? " run" : " runs") : chunks + (chunks == 1 ? " chunk" : " chunks");
        }
    }
}
