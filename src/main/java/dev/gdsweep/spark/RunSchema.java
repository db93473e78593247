package dev.gdsweep.spark;

import dev.gdsweep.engine.RunResult;
import dev.gdsweep.sweep.RunRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The {@code runs} table: column names and types are part of the report's contract. */
public final class RunSchema {

    public static final StructType SCHEMA = new StructType()
            .add("sweep", DataTypes.StringType, false)
            .add("run_id", DataTypes.LongType, false)
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
            .add("elapsed_ms", DataTypes.DoubleType, false);

    private RunSchema() {}

    public static Row toRow(RunRecord r) {
        RunResult result = r.result();
        return RowFactory.create(
                r.sweep(),
                r.runId(),
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
                r.elapsedMs());
    }

    private static Double[] boxed(double[] values) {
        Double[] out = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
