package dev.gdsweep.store;

import dev.gdsweep.spec.SpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Keeps a report from replacing what its sweep reads: the spec file, the data, the plugin jars. */
final class InputGuard {

    private InputGuard() {}

    /**
     * Refuses an output that is, holds or lies inside an input of the sweep (its spec, data, plugin
     * jars), or whose work directory holds one: a report there would replace it. Symbolic links on the
     * local file system are followed.
     */
    static void refuse(Path destination, List<ReportLocation.Input> inputs, Configuration conf, String path,
            String source) throws IOException {
        Path out = canonical(destination);
        Path work = canonical(ReportLocation.workOf(destination));
        for (ReportLocation.Input input : inputs) {
            Path in;
            try {
                Path p = new Path(input.path());
                in = canonical(p.getFileSystem(conf).makeQualified(p));
            } catch (IllegalArgumentException | IOException e) {
                continue; // not a path Hadoop can reach: nothing a report could replace
            }
            String shown = ReportLocation.shown(in);
            String problem = null;
            if (in.equals(out)) {
                problem = "is " + input.what() + " of this sweep";
            } else if (isAncestor(out, in) || isAncestor(work, in) || in.equals(work)) {
                problem = "holds " + input.what() + " of this sweep, '" + shown + "'";
            } else if (isAncestor(in, out)) {
                problem = "is inside " + input.what() + " of this sweep, '" + shown + "'";
            }
            if (problem != null) {
                throw new SpecException(source, 0, null, "output path '" + path + "' " + problem
                        + "; a report there would replace it: choose another output path");
            }
        }
    }

    /** Whether {@code ancestor} is a directory above {@code p} (on the same file system). */
    private static boolean isAncestor(Path ancestor, Path p) {
        for (Path up = p.getParent(); up != null; up = up.getParent()) {
            if (up.equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    /** A qualified path with symbolic links resolved, on the local file system (as far as it exists). */
    private static Path canonical(Path qualified) throws IOException {
        if (!"file".equals(qualified.toUri().getScheme())) {
            return qualified;
        }
        java.nio.file.Path p = Paths.get(qualified.toUri()).normalize();
        Deque<java.nio.file.Path> missing = new ArrayDeque<>();
        while (p.getParent() != null && !Files.exists(p)) {
            missing.push(p.getFileName());
            p = p.getParent();
        }
        java.nio.file.Path real = p.toRealPath();
        while (!missing.isEmpty()) {
            real = real.resolve(missing.pop());
        }
        return new Path("file", null, real.toString());
    }
}
