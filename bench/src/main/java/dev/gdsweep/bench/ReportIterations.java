package dev.gdsweep.bench;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Total iterations and runs of a written report, so bench/run can check that a timed
 * {@code bin/gdsweep run} did the same work as the engine it is compared with.
 *
 * <p>Usage: {@code ReportIterations REPORT_DIR [--expect-iterations N]}; prints a RESULT line and,
 * with an expectation, a CHECK line (OK or MISMATCH).
 */
public final class ReportIterations {

    private ReportIterations() {}

    public static void main(String[] args) {
        String dir = args[0];
        long expected = args.length > 2 && args[1].equals("--expect-iterations") ? Long.parseLong(args[2]) : -1;
        SparkSession spark = SparkSession.builder().master("local[1]").appName("report-iterations")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            Row r = spark.read().parquet(dir + "/runs").agg(sum("iterations"), count(lit(1))).first();
            long iterations = r.getLong(0);
            System.out.println("RESULT bench=report impl=runs-table runs=" + r.getLong(1) + " iterations=" + iterations);
            if (expected >= 0) {
                double diff = expected == 0 ? 0 : Math.abs(iterations - expected) / (double) expected;
                System.out.println("CHECK bench=report rel_diff=" + diff + " " + (iterations == expected ? "OK" : "MISMATCH"));
            }
        } finally {
            spark.stop();
        }
    }
}
