package dev.gdsweep.spark;

import dev.gdsweep.loss.model.DenseData;
import dev.gdsweep.loss.model.ModelLoss;
import dev.gdsweep.spec.LossSpec;
import dev.gdsweep.spec.ModelKind;
import dev.gdsweep.spec.SweepSpec;
import dev.gdsweep.sweep.ReferenceOptimum;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The reference optimum of a convex model's objective, computed on the driver with spark.ml and then
 * judged (and if need be polished) by the product's own loss ({@link ReferenceOptimum}).
 *
 * <p>spark.ml is given the training rows exactly as the runs see them (after the validation split and
 * the product's standardisation), with its own standardisation off and its parameters chosen so that
 * its objective is the product's, (1/m) Σ ℓᵢ + (l2/2)·‖w‖² over the non-bias weights, the intercept
 * unpenalised:
 * <ul>
 *   <li>logistic regression (binomial; multinomial for softmax): spark.ml minimises (1/m) Σ ℓᵢ +
 *       regParam·‖w‖²/2, so regParam = l2;</li>
 *   <li>linear regression: spark.ml scales the labels by their standard deviation σ_y and divides regParam
 *       by it, which in the original units is (1/2m) Σ rᵢ² + (regParam/σ_y)·‖w‖²/2, so regParam = l2·σ_y.
 *       Its normal-equation solver takes σ_y over m (the population's), its L-BFGS over m − 1: measured,
 *       not assumed (ReferenceSweepTest checks that spark.ml's raw answer has a vanishing gradient
 *       under the product's loss).</li>
 * </ul>
 * The coefficients and intercepts are laid out as gdsweep's weights: per class, the feature weights then
 * the bias. Should spark.ml fail (a class missing from the training rows changes its class count, say),
 * the reference is Newton's alone from zero weights, and its solver says so.
 */
final class MllibReference {

    /** Iterations spark.ml may take; its tolerance is far below what the product's polishing needs. */
    static final int MAX_ITERATIONS = 1000;
    static final double TOLERANCE = 1e-12;
    /** spark.ml's normal-equation solver takes at most this many features. */
    private static final int NORMAL_EQUATIONS_MAX_FEATURES = 4096;

    private MllibReference() {}

    /** What spark.ml answered: the weights in gdsweep's layout, and how it got there. */
    private record Fit(double[] weights, String solver, int iterations) {}

    /**
     * The reference optima of a sweep, one per loss setting, written to {@code path} as the reference table;
     * none when the loss is not a convex model or has {@code reference: none}. A resumed sweep reads back the
     * table its first attempt wrote, so that every chunk is measured from the same optimum.
     */
    static List<Reference> ofSweep(SparkSession spark, SweepSpec spec, String path) throws IOException {
        if (!(spec.loss() instanceof LossSpec.Model first) || !first.hasReference()) {
            return List.of();
        }
        Path done = new Path(path, "_SUCCESS");
        if (done.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(done)) {
            Map<String, Row> rows = new HashMap<>();
            spark.read().schema(Reference.SCHEMA).parquet(path).collectAsList()
                    .forEach(r -> rows.put(r.getAs("loss_config"), r));
            List<Reference> read = new ArrayList<>();
            for (LossSpec setting : spec.losses().all()) {
                Row r = rows.get(setting.config());
                if (r != null) {
                    read.add(Reference.fromRow(r, ((LossSpec.Model) setting).build()));
                }
            }
            if (read.size() == spec.losses().count()) {
                return read;
            }
        }
        List<Reference> out = new ArrayList<>();
        for (LossSpec setting : spec.losses().all()) {
            out.add(compute(spark, (LossSpec.Model) setting));
        }
        spark.createDataFrame(Reference.rows(out), Reference.SCHEMA).coalesce(1)
                .write().mode(SaveMode.Overwrite).parquet(path);
        return out;
    }

    /** The reference of {@code model} (one loss setting), keyed by its {@code loss_config}. */
    static Reference compute(SparkSession spark, LossSpec.Model model) {
        ModelLoss loss = model.build();
        DenseData train = model.data().train();
        long start = System.nanoTime();
        Fit fit;
        try {
            fit = fit(spark, model.kind(), train, model.l2());
        } catch (RuntimeException e) {
            fit = new Fit(null, "gdsweep Newton from zero (spark.ml failed: " + e.getClass().getSimpleName() + ")", 0);
        }
        double elapsedMs = (System.nanoTime() - start) / 1e6;
        if (fit.weights() != null && fit.weights().length != loss.dimension()) {
            fit = new Fit(null, "gdsweep Newton from zero (spark.ml answered " + fit.weights().length + " weights, the model has "
                    + loss.dimension() + ")", 0);
        }
        ReferenceOptimum.Result optimum = ReferenceOptimum.certify(loss,
                fit.weights() == null ? new double[loss.dimension()] : fit.weights());
        return new Reference(model.config(), fit.solver(), fit.iterations(), elapsedMs, optimum);
    }

    /** spark.ml's raw answer, before the product judges it: for the test of the parameter mapping. */
    static double[] rawWeights(SparkSession spark, LossSpec.Model model) {
        return fit(spark, model.kind(), model.data().train(), model.l2()).weights();
    }

    private static Fit fit(SparkSession spark, ModelKind kind, DenseData train, double l2) {
        Dataset<Row> rows = frame(spark, train);
        int d = train.featureCount();
        return switch (kind) {
            case LINEAR_REGRESSION -> {
                String solver = d <= NORMAL_EQUATIONS_MAX_FEATURES ? "normal" : "l-bfgs";
                LinearRegressionModel m = new LinearRegression().setSolver(solver).setFitIntercept(true)
                        .setStandardization(false).setElasticNetParam(0)
                        .setRegParam(l2 * labelStd(train, solver.equals("normal")))
                        .setMaxIter(MAX_ITERATIONS).setTol(TOLERANCE).fit(rows);
                double[] w = new double[d + 1];
                System.arraycopy(m.coefficients().toArray(), 0, w, 0, d);
                w[d] = m.intercept();
                yield new Fit(w, "spark.ml LinearRegression " + (solver.equals("normal") ? "normal equations" : "L-BFGS"),
                        m.summary().totalIterations());
            }
            case LOGISTIC_REGRESSION -> {
                LogisticRegressionModel m = logistic("binomial", l2).fit(rows);
                double[] w = new double[d + 1];
                System.arraycopy(m.coefficients().toArray(), 0, w, 0, d);
                w[d] = m.intercept();
                yield new Fit(w, "spark.ml LogisticRegression L-BFGS", m.summary().totalIterations());
            }
            case SOFTMAX_REGRESSION -> {
                LogisticRegressionModel m = logistic("multinomial", l2).fit(rows);
                Matrix coefficients = m.coefficientMatrix();
                double[] intercepts = m.interceptVector().toArray();
                int classes = coefficients.numRows();
                double[] w = new double[classes * (d + 1)];
                for (int c = 0; c < classes; c++) {
                    for (int j = 0; j < d; j++) {
                        w[c * (d + 1) + j] = coefficients.apply(c, j);
                    }
                    w[c * (d + 1) + d] = intercepts[c];
                }
                yield new Fit(w, "spark.ml LogisticRegression multinomial L-BFGS", m.summary().totalIterations());
            }
            case MLP -> throw new IllegalArgumentException("an mlp has no reference optimum (not convex)");
        };
    }

    private static LogisticRegression logistic(String family, double l2) {
        return new LogisticRegression().setFamily(family).setFitIntercept(true).setStandardization(false)
                .setElasticNetParam(0).setRegParam(l2).setMaxIter(MAX_ITERATIONS).setTol(TOLERANCE);
    }

    /** The labels' standard deviation as spark.ml's solver takes it: over m (normal equations) or m − 1. */
    private static double labelStd(DenseData data, boolean overM) {
        int m = data.rowCount();
        if (m < 2) {
            return 0;
        }
        double mean = 0;
        for (int i = 0; i < m; i++) {
            mean += data.label(i);
        }
        mean /= m;
        double squares = 0;
        for (int i = 0; i < m; i++) {
            double r = data.label(i) - mean;
            squares += r * r;
        }
        return Math.sqrt(squares / (overM ? m : m - 1));
    }

    /** The rows as spark.ml reads them: a label (a class index for classifiers) and a dense feature vector. */
    private static Dataset<Row> frame(SparkSession spark, DenseData data) {
        StructType schema = new StructType()
                .add("label", DataTypes.DoubleType, false)
                .add("features", SQLDataTypes.VectorType(), false);
        int d = data.featureCount();
        List<Row> rows = new ArrayList<>(data.rowCount());
        double[] row = new double[d];
        for (int i = 0; i < data.rowCount(); i++) {
            for (int j = 0; j < d; j++) {
                row[j] = data.feature(i, j);
            }
            rows.add(RowFactory.create(data.label(i), Vectors.dense(row.clone())));
        }
        return spark.createDataFrame(rows, schema);
    }
}
