package dev.gdsweep.spark;

import dev.gdsweep.sweep.Trajectories;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code trajectories} table, one row per recorded step of a recorded run: {@link #toRow} writes a
 * step, {@link #fromRow} reads it back by column name.
 */
public final class TrajectorySchema {

    public static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.LongType, false)
            .add("iteration", DataTypes.LongType, false)
            .add("loss", DataTypes.DoubleType, false)
            .add("weights", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
            .add("gradient_norm", DataTypes.DoubleType, false);

    private TrajectorySchema() {}

    public static Row toRow(Trajectories.Step s) {
        double[] w = s.weights();
        Double[] boxed = new Double[w.length];
        for (int i = 0; i < w.length; i++) {
            boxed[i] = w[i];
        }
        return RowFactory.create(s.runId(), s.iteration(), s.loss(), boxed, s.gradientNorm());
    }

    /** A row of the trajectories table (or of a selection holding its columns), read by column name. */
    public static Trajectories.Step fromRow(Row r) {
        return new Trajectories.Step(r.<Long>getAs("run_id"), r.<Long>getAs("iteration"), r.<Double>getAs("loss"),
                RunSchema.doubles(r, "weights"), r.<Double>getAs("gradient_norm"));
    }
}
