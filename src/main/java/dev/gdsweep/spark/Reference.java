package dev.gdsweep.spark;

import dev.gdsweep.loss.model.ModelLoss;
import dev.gdsweep.report.SeaLevel;
import dev.gdsweep.sweep.ReferenceOptimum;
import dev.gdsweep.store.ReportLayout;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The reference optimum of one loss setting, a row of the {@code reference} table: which solver found it
 * ({@code solver}, {@code iterations} and {@code elapsed_ms} are spark.ml's), and what the product's own
 * loss says of it ({@code loss}, {@code weights} in gdsweep's layout, {@code gradient_norm},
 * {@code newton_steps} of polishing, {@code certified}, {@code unique}). Only a certified reference is
 * a sea level: the runs' {@code loss_gap} and {@code distance_to_minimum} are measured from it.
 *
 * @param lossConfig the loss setting, as the runs' {@code loss_config}
 */
public record Reference(String lossConfig, String solver, int iterations, double elapsedMs,
        ReferenceOptimum.Result optimum) implements Serializable {

    public static final StructType SCHEMA = new StructType()
            .add("loss_config", DataTypes.StringType, false)
            .add("solver", DataTypes.StringType, false)
            .add("loss", DataTypes.DoubleType, false)
            .add("weights", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
            .add("gradient_norm", DataTypes.DoubleType, false)
            .add("iterations", DataTypes.IntegerType, false)
            .add("elapsed_ms", DataTypes.DoubleType, false)
            .add("newton_steps", DataTypes.IntegerType, false)
            .add("certified", DataTypes.BooleanType, false)
            .add("unique", DataTypes.BooleanType, false);

    public double loss() {
        return optimum.loss();
    }

    public boolean certified() {
        return optimum.certified();
    }

    /** As the console and the page tell it. */
    public SeaLevel seaLevel() {
        return new SeaLevel(lossConfig, solver, optimum.loss(), optimum.certified(), optimum.gradientNorm(), iterations,
                optimum.newtonSteps(), elapsedMs);
    }

    Row toRow() {
        return RowFactory.create(lossConfig, solver, optimum.loss(), RunSchema.boxed(optimum.weights()),
                optimum.gradientNorm(), iterations, elapsedMs, optimum.newtonSteps(), optimum.certified(),
                optimum.unique());
    }

    /** A row read back (on --resume, or for the page), for the loss setting whose model is {@code loss}. */
    static Reference fromRow(Row r, ModelLoss loss) {
        ReferenceOptimum.Result optimum = new ReferenceOptimum.Result(RunSchema.doubles(r, "weights"),
                r.<Double>getAs("loss"), r.<Double>getAs("gradient_norm"), r.<Integer>getAs("newton_steps"),
                r.<Boolean>getAs("certified"), r.<Boolean>getAs("unique"), ReferenceOptimum.gauge(loss),
                ReferenceOptimum.classes(loss));
        return new Reference(r.getAs("loss_config"), r.getAs("solver"), r.<Integer>getAs("iterations"),
                r.<Double>getAs("elapsed_ms"), optimum);
    }

    /** The sea levels of the report in {@code dir}, in loss-setting order; empty when it has no reference table. */
    public static List<SeaLevel> readSeaLevels(SparkSession spark, String dir) {
        String path = dir + "/" + ReportLayout.REFERENCE;
        try {
            org.apache.hadoop.fs.Path done = new org.apache.hadoop.fs.Path(path, "_SUCCESS");
            if (!done.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(done)) {
                return List.of();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<SeaLevel> out = new ArrayList<>();
        for (Row r : spark.read().schema(SCHEMA).parquet(path).collectAsList()) {
            out.add(new SeaLevel(r.getAs("loss_config"), r.getAs("solver"), r.<Double>getAs("loss"),
                    r.<Boolean>getAs("certified"), r.<Double>getAs("gradient_norm"), r.<Integer>getAs("iterations"),
                    r.<Integer>getAs("newton_steps"), r.<Double>getAs("elapsed_ms")));
        }
        return out;
    }

    /** The certified references by loss setting: only those are a sea level. */
    static Map<String, Reference> certified(List<Reference> references) {
        Map<String, Reference> out = new LinkedHashMap<>();
        references.stream().filter(Reference::certified).forEach(r -> out.put(r.lossConfig(), r));
        return out;
    }

    /** The certified references' losses by loss setting: the summary's and report.yaml's reference_loss. */
    static Map<String, Double> losses(List<Reference> references) {
        Map<String, Double> out = new LinkedHashMap<>();
        certified(references).forEach((config, r) -> out.put(config, r.loss()));
        return out;
    }

    static List<Row> rows(List<Reference> references) {
        List<Row> out = new ArrayList<>();
        references.forEach(ref -> out.add(ref.toRow()));
        return out;
    }
}
