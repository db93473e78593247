package dev.gdsweep.spec;

import dev.gdsweep.loss.BuiltinLosses;
import dev.gdsweep.loss.Loss;
import dev.gdsweep.loss.LossDefinition;
import dev.gdsweep.loss.LossParams;
import dev.gdsweep.loss.Minimum;
import dev.gdsweep.loss.PluginLosses;
import dev.gdsweep.loss.formula.Formula;
import dev.gdsweep.loss.formula.FormulaLoss;
import dev.gdsweep.loss.model.Activation;
import dev.gdsweep.loss.model.LinearRegressionLoss;
import dev.gdsweep.loss.model.LogisticRegressionLoss;
import dev.gdsweep.loss.model.MlpLoss;
import dev.gdsweep.loss.model.ModelLoss;
import dev.gdsweep.loss.model.SoftmaxRegressionLoss;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which loss a sweep runs: a built-in, a formula, or a plugin class; already checked against the dimension. */
public sealed interface LossSpec permits LossSpec.Builtin, LossSpec.Expression, LossSpec.Plugin, LossSpec.Model {

    /** A fresh loss instance; each task builds its own. */
    Loss create(int dimension);

    /** A short name for tables and logs: the built-in's name, "formula" or the class's simple name. */
    String name();

    /** A built-in landscape with its parameters. */
    record Builtin(String function, LossParams params) implements LossSpec {

        public LossDefinition definition() {
            return BuiltinLosses.find(function)
                    .orElseThrow(() -> new IllegalStateException("unknown loss " + function));
        }

        @Override
        public Loss create(int dimension) {
            return definition().create(dimension, params);
        }

        @Override
        public String name() {
            return function;
        }

    }

    /**
     * A formula over named variables (the weights, in order) and constants, with optional known
     * minima; its gradient is exact (automatic differentiation).
     */
    record Expression(String text, List<String> variables, Map<String, Double> constants, List<double[]> minima)
            implements LossSpec {

        public Expression {
            variables = List.copyOf(variables);
            constants = Map.copyOf(new LinkedHashMap<>(constants));
            minima = minima.stream().map(double[]::clone).toList();
        }

        public Formula formula() {
            return Formula.parse(text, variables, constants);
        }

        @Override
        public Loss create(int dimension) {
            Formula formula = formula();
            FormulaLoss bare = new FormulaLoss(formula);
            List<Minimum> known = new ArrayList<>();
            double lowest = minima.stream().mapToDouble(bare::value).min().orElse(0);
            for (double[] m : minima) {
                double v = bare.value(m);
                known.add(new Minimum(m, v, v <= lowest));
            }
            return new FormulaLoss(formula, known);
        }

        @Override
        public String name() {
            return "formula";
        }

    }

    /** A user's class implementing {@link Loss}, loaded by name (see {@link PluginLosses}). */
    record Plugin(String className, Map<String, Double> params) implements LossSpec {

        public Plugin {
            params = Map.copyOf(params);
        }

        @Override
        public Loss create(int dimension) {
            return PluginLosses.create(className, dimension, params, Thread.currentThread().getContextClassLoader());
        }

        @Override
        public String name() {
            return className.substring(className.lastIndexOf('.') + 1);
        }
    }

    /**
     * A model trained on a data set: the loss is the mean over the training rows (plus the l2 term);
     * see {@link dev.gdsweep.loss.model} for the definitions and the weight layouts.
     *
     * @param regression for an mlp, squared error on one output instead of softmax cross-entropy
     * @param data the rows, loaded on the driver (and broadcast to the executors)
     */
    record Model(ModelKind kind, DataSpec dataSpec, double l2, int[] hidden, Activation activation,
            boolean regression, ModelData data) implements LossSpec {

        public Model {
            hidden = hidden.clone();
        }

        @Override
        public ModelLoss create(int dimension) {
            ModelLoss loss = build();
            if (loss.dimension() != dimension) {
                throw new IllegalArgumentException("model has " + loss.dimension() + " weights, initial weights "
                        + dimension);
            }
            return loss;
        }

        /** The loss over the training rows. */
        public ModelLoss build() {
            return switch (kind) {
                case LINEAR_REGRESSION -> new LinearRegressionLoss(data.train(), l2);
                case LOGISTIC_REGRESSION -> new LogisticRegressionLoss(data.train(), l2);
                case SOFTMAX_REGRESSION -> new SoftmaxRegressionLoss(data.train(), l2);
                case MLP -> new MlpLoss(data.train(), hidden, activation, l2);
            };
        }

        @Override
        public String name() {
            return kind.label();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Model m && kind == m.kind && dataSpec.equals(m.dataSpec) && l2 == m.l2
                    && java.util.Arrays.equals(hidden, m.hidden) && activation == m.activation
                    && regression == m.regression;
        }

        @Override
        public int hashCode() {
            return kind.hashCode() * 31 + dataSpec.hashCode();
        }
    }
}
