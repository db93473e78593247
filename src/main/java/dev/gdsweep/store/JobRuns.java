package dev.gdsweep.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** The runs of a scheduled job: the {@code run_id=ID} report directories under its output path. */
public final class JobRuns {

    public static final String PREFIX = "run_id=";

    /** One run: its id, where it is, and what its report says. */
    public record JobRun(String id, Path path, State state, Optional<ReportInfo> info) {}

    /** How far a run got. */
    public enum State {
        /** Published, every run done. */
        COMPLETE,
        /** Published when the time budget ran out; {@code --resume} can finish it. */
        PARTIAL,
        /** Still being written (or interrupted): only its work directory exists. */
        IN_PROGRESS;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    private JobRuns() {}

    /** The job's runs in run-id order (chronological for dated ids). */
    public static List<JobRun> list(FileSystem fs, Path job) throws IOException {
        List<JobRun> runs = new ArrayList<>();
        if (!fs.exists(job)) {
            return runs;
        }
        for (FileStatus s : fs.listStatus(job)) {
            String name = s.getPath().getName();
            if (!s.isDirectory()) {
                continue;
            }
            if (name.startsWith(PREFIX)) {
                if (!fs.exists(new Path(s.getPath(), ReportLayout.SUCCESS))) {
                    continue; // not published
                }
                Optional<ReportInfo> info = ReportInfo.read(fs, s.getPath());
                State state = info.map(i -> i.complete() ? State.COMPLETE : State.PARTIAL).orElse(State.COMPLETE);
                runs.add(new JobRun(name.substring(PREFIX.length()), s.getPath(), state, info));
            } else if (name.startsWith("." + PREFIX) && name.endsWith(".gdsweep-work")) {
                String id = name.substring(1 + PREFIX.length(), name.length() - ".gdsweep-work".length());
                if (!fs.exists(new Path(job, PREFIX + id))) {
                    runs.add(new JobRun(id, s.getPath(), State.IN_PROGRESS, Optional.empty()));
                }
            }
        }
        runs.sort(Comparator.comparing(JobRun::id));
        return runs;
    }

    /**
     * The latest published run (complete or partial, by id), if any: what a compare step scheduled after
     * the sweep judges when it cannot know the sweep's run id.
     */
    public static Optional<JobRun> latest(List<JobRun> runs) {
        JobRun found = null;
        for (JobRun r : runs) {
            if (r.state() != State.IN_PROGRESS) {
                found = r;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The latest complete run before {@code candidate} (by id), if any. */
    public static Optional<JobRun> previousComplete(List<JobRun> runs, String candidate) {
        JobRun found = null;
        for (JobRun r : runs) {
            if (r.id().compareTo(candidate) < 0 && r.state() == State.COMPLETE) {
                found = r;
            }
        }
        return Optional.ofNullable(found);
    }
}
