package dev.gdsweep.spark;

import dev.gdsweep.report.SweepFacts;
import dev.gdsweep.spec.SweepSpec;
import java.io.IOException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Renders a page of a report (report.html) from the tables written in its work directory; a sweep calls
 * it before it publishes, so a published report always has the page that belongs to it.
 */
@FunctionalInterface
public interface PageRenderer {

    /**
     * Renders into {@code dir}; returns the page's path. {@code facts}: what the sweep computed of the tables in
     * {@code dir} (its summary and recommendation), so they are not read back.
     */
    String render(SparkSession spark, SweepSpec spec, String specYaml, Path dir, SweepFacts facts) throws IOException;
}
