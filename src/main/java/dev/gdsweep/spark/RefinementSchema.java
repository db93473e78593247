package dev.gdsweep.spark;

import dev.gdsweep.grid.Grid;
import dev.gdsweep.refine.ConfigurationResult;
import dev.gdsweep.refine.StartResult;
import dev.gdsweep.spec.LossSpec;
import dev.gdsweep.spec.SweepSpec;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The refinement's two tables: {@code refinement} (one row per configuration and start) and
 * {@code refinement_summary} (one row per configuration), with the group columns of {@code runs}.
 */
final class RefinementSchema {

    static final String REFINEMENT = dev.gdsweep.store.ReportLayout.REFINEMENT;
    static final String SUMMARY = dev.gdsweep.store.ReportLayout.REFINEMENT_SUMMARY;

    private static StructType group() {
        return new StructType()
                .add("loss_params", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false), false)
                .add("loss_config", DataTypes.StringType, false)
                .add("optimizer_config", DataTypes.StringType, false)
                .add("schedule", DataTypes.StringType, false)
                .add("batch_size", DataTypes.IntegerType, false);
    }

    static final StructType STARTS = group()
            .add("initial_weights", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
            .add("boundary_lo", DataTypes.DoubleType, true)
            .add("boundary_hi", DataTypes.DoubleType, true)
            .add("boundary_hi_status", DataTypes.StringType, true)
            .add("boundary_note", DataTypes.StringType, true)
            .add("fastest_learning_rate", DataTypes.DoubleType, true)
            .add("fastest_iterations", DataTypes.LongType, true)
            .add("rounds", DataTypes.IntegerType, false)
            .add("runs", DataTypes.LongType, false);

    static final StructType CONFIGURATIONS = group()
            .add("starts", DataTypes.LongType, false)
            .add("every_start_learning_rate", DataTypes.DoubleType, true)
            .add("learning_rate_90", DataTypes.DoubleType, true)
            .add("learning_rate_50", DataTypes.DoubleType, true)
            .add("fastest_median_learning_rate", DataTypes.DoubleType, true)
            .add("fastest_median_iterations", DataTypes.DoubleType, true);

    private RefinementSchema() {}

    static Row toRow(SweepSpec spec, StartResult r) {
        Grid grid = spec.grid();
        double[] start = new double[spec.dimension()];
        grid.initialWeights(r.gridRunId(), start);
        Object[] values = group(spec, r.gridRunId());
        return RowFactory.create(values[0], values[1], values[2], values[3], values[4], RunSchema.boxed(start),
                r.boundaryLo(), r.boundaryHi(), r.boundaryHiStatus(), r.boundaryNote(), r.fastestRate(),
                r.fastestIterations(), r.rounds(), r.runs());
    }

    static Row toRow(SweepSpec spec, ConfigurationResult r) {
        Object[] values = group(spec, r.gridRunId());
        return RowFactory.create(values[0], values[1], values[2], values[3], values[4], r.starts(),
                r.everyStartRate(), r.rate90(), r.rate50(), r.fastestMedianRate(), r.fastestMedianIterations());
    }

    private static Object[] group(SweepSpec spec, long gridRunId) {
        Grid grid = spec.grid();
        LossSpec loss = spec.losses().get(grid.lossSettingIndex(gridRunId));
        return new Object[] {CollectionConverters.asScala(loss.lossParams()), loss.config(),
            grid.optimizer(gridRunId).label(), grid.schedule(gridRunId).label(), grid.batchSize(gridRunId)};
    }
}
