package dev.gdsweep.spark;

import dev.gdsweep.engine.RunResult;
import dev.gdsweep.engine.Status;
import dev.gdsweep.sweep.RunRecord;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.jdk.javaapi.CollectionConverters;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code runs} table: column names and types are part of the report's contract.
 * {@code optimizer_config} is the optimizer with its settings as one string ("adam(beta1=0.9, …)"),
 * a key to group by, since Spark cannot group by a map; {@code loss_config} is the loss setting so
 * ("rosenbrock(a=1, b=100)"), and {@code loss_params} its numeric settings (vectors flattened as
 * {@code diag[0]}, {@code diag[1]}). {@link #toRow} writes a row, {@link #fromRow}
 * reads back, by column name, the columns the report's readers use.
 */
public final class RunSchema {

    public static final StructType SCHEMA = new StructType()
            .add("sweep", DataTypes.StringType, false)
            .add("run_id", DataTypes.LongType, false)
            .add("round", DataTypes.IntegerType, false)
            .add("loss_params", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false), false)
            .add("loss_config", DataTypes.StringType, false)
            .add("optimizer", DataTypes.StringType, false)
            .add("optimizer_params", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false), false)
            .add("optimizer_config", DataTypes.StringType, false)
            .add("schedule", DataTypes.StringType, false)
            .add("batch_size", DataTypes.IntegerType, false)
            .add("learning_rate", DataTypes.DoubleType, false)
            .add("initial_weights", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
            .add("final_weights", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
            .add("initial_loss", DataTypes.DoubleType, false)
            .add("final_loss", DataTypes.DoubleType, false)
            .add("best_loss", DataTypes.DoubleType, false)
            .add("iterations", DataTypes.LongType, false)
            .add("status", DataTypes.StringType, false)
            .add("stop_reason", DataTypes.StringType, false)
            .add("gradient_norm", DataTypes.DoubleType, false)
            .add("elapsed_ms", DataTypes.DoubleType, false)
            .add("error", DataTypes.StringType, true)
            .add("minimum", DataTypes.IntegerType, true)
            .add("distance_to_minimum", DataTypes.DoubleType, true)
            .add("sharpness", DataTypes.DoubleType, true)
            .add("critical_learning_rate", DataTypes.DoubleType, true)
            .add("oscillating", DataTypes.BooleanType, false)
            .add("loss_increases", DataTypes.LongType, false)
            .add("validation_loss", DataTypes.DoubleType, true)
            .add("train_accuracy", DataTypes.DoubleType, true)
            .add("validation_accuracy", DataTypes.DoubleType, true)
            .add("loss_gap", DataTypes.DoubleType, true);

    private RunSchema() {}

    public static Row toRow(RunRecord r) {
        return toRow(r, null);
    }

    /**
     * The row of {@code r}, measured from its loss setting's certified reference optimum (null without
     * one): {@code loss_gap} = final_loss − the reference's loss, and, when the optimum is unique (up to
     * the directions the loss cannot see), {@code distance_to_minimum} from its weights; both only for
     * runs that did not diverge or fail.
     */
    public static Row toRow(RunRecord r, Reference reference) {
        RunResult result = r.result();
        boolean settled = reference != null && result.status() != Status.DIVERGED && result.status() != Status.FAILED
                && Double.isFinite(result.finalLoss());
        Double lossGap = settled ? result.finalLoss() - reference.loss() : null;
        Double distance = r.analysis().distanceToMinimum();
        if (distance == null && settled && reference.optimum().unique()) {
            distance = reference.optimum().distance(result.finalWeights());
        }
        return RowFactory.create(
                r.sweep(),
                r.runId(),
                r.round(),
                CollectionConverters.asScala(r.lossParams()),
                r.lossConfig(),
                r.optimizer().optimizer().label(),
                // Spark's row encoder takes a Scala map for a map column.
                CollectionConverters.asScala(r.optimizer().params()),
                r.optimizer().label(),
                r.schedule().label(),
                r.batchSize(),
                r.learningRate(),
                boxed(r.initialWeights()),
                boxed(result.finalWeights()),
                result.initialLoss(),
                result.finalLoss(),
                result.bestLoss(),
                result.iterations(),
                result.status().name(),
                result.stopReason().label(),
                result.gradientNorm(),
                r.elapsedMs(),
                result.error(),
                r.analysis().minimum(),
                distance,
                r.analysis().sharpness(),
                r.analysis().criticalLearningRate(),
                result.oscillating(),
                result.lossIncreases(),
                r.analysis().validationLoss(),
                r.analysis().trainAccuracy(),
                r.analysis().validationAccuracy(),
                lossGap);
    }

    /**
     * The runs of the spec's own grid (round 0) among {@code runs}: what the summary, the best run and the
     * pictures of the grid are made of. A report written before refinement has no {@code round} column and
     * only grid runs.
     */
    public static Dataset<Row> gridRuns(Dataset<Row> runs) {
        return java.util.Arrays.asList(runs.columns()).contains("round")
                ? runs.where(org.apache.spark.sql.functions.col("round").isNull()
                        .or(org.apache.spark.sql.functions.col("round").equalTo(0))) : runs;
    }

    /** The columns {@link #fromRow} reads: select them to collect no more than that. */
    public static final List<String> READ_COLUMNS = List.of("run_id", "loss_config", "optimizer_config", "schedule", "batch_size",
            "learning_rate", "initial_weights", "final_weights", "status", "final_loss", "iterations", "minimum");

    /** A row of the runs table (or of a selection holding at least {@link #READ_COLUMNS}), read by column name. */
    public static RunRow fromRow(Row r) {
        return new RunRow(
                r.<Long>getAs("run_id"),
                r.getAs("loss_config"),
                r.getAs("optimizer_config"),
                r.getAs("schedule"),
                r.<Integer>getAs("batch_size"),
                r.<Double>getAs("learning_rate"),
                doubles(r, "initial_weights"),
                doubles(r, "final_weights"),
                r.getAs("status"),
                r.<Double>getAs("final_loss"),
                r.<Long>getAs("iterations"),
                r.getAs("minimum"));
    }

    /** An array&lt;double&gt; column's value, read by name (Spark hands it back as a list of boxed numbers). */
    public static double[] doubles(Row r, String column) {
        List<Object> values = r.getList(r.fieldIndex(column));
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).doubleValue();
        }
        return out;
    }

    /** An array&lt;double&gt; column's value as Spark's row encoder takes it. */
    static Double[] boxed(double[] values) {
        Double[] out = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
