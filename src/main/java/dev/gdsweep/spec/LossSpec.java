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
import dev.gdsweep.loss.ParamSpec;
import dev.gdsweep.optim.OptimizerConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Which loss a sweep runs: a built-in, a formula, or a plugin class; already checked against the dimension. */
public sealed interface LossSpec permits LossSpec.Builtin, LossSpec.Expression, LossSpec.Plugin, LossSpec.Model {

    /** A fresh loss instance; each task builds its own. */
    Loss create(int dimension);

    /** A short name for tables and logs: the built-in's name, "formula" or the class's simple name. */
    String name();

    /**
     * Its numeric settings by name, in the order the spec writes them (a built-in's parameters in its
     * definition's order, defaults included; a formula's constants and a plugin's parameters by name; a
     * model's l2): the values a loss axis may vary. A scalar is a vector of length one.
     */
    Map<String, double[]> settingValues();

    /** This loss with the setting {@code name} at {@code value} (a scalar as a vector of length one). */
    LossSpec with(String name, double[] value);

    /** The runs table's {@code loss_params}: every numeric setting, a vector flattened as diag[0], diag[1]. */
    default Map<String, Double> lossParams() {
        Map<String, Double> out = new LinkedHashMap<>();
        settingValues().forEach((name, v) -> {
            if (v.length == 1 && !isVector(name)) {
                out.put(name, v[0]);
            } else {
                for (int i = 0; i < v.length; i++) {
                    out.put(name + "[" + i + "]", v[i]);
                }
            }
        });
        return out;
    }

    /** Whether the setting {@code name} is a vector (written as a list even with one entry). */
    default boolean isVector(String name) {
        return false;
    }

    /**
     * The runs table's {@code loss_config}, the loss with its settings as one string, as
     * {@code optimizer_config} spells an optimizer: "rosenbrock(a=1, b=100)", "quadratic(diag=[1, 10])",
     * "logistic_regression(l2=0.001)", or just the name when it has no settings.
     */
    default String config() {
        Map<String, double[]> values = settingValues();
        if (values.isEmpty()) {
            return name();
        }
        StringBuilder sb = new StringBuilder(name()).append('(');
        values.forEach((setting, v) -> {
            sb.append(sb.charAt(sb.length() - 1) == '(' ? "" : ", ").append(setting).append('=');
            if (v.length == 1 && !isVector(setting)) {
                sb.append(OptimizerConfig.format(v[0]));
            } else {
                sb.append('[');
                for (int i = 0; i < v.length; i++) {
                    sb.append(i == 0 ? "" : ", ").append(OptimizerConfig.format(v[i]));
                }
                sb.append(']');
            }
        });
        return sb.append(')').toString();
    }

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

        @Override
        public Map<String, double[]> settingValues() {
            Map<String, double[]> out = new LinkedHashMap<>();
            for (ParamSpec p : definition().params()) {
                if (params.has(p.name())) {
                    out.put(p.name(), params.vector(p.name()));
                } else if (p.defaultValue() != null) {
                    out.put(p.name(), new double[] {p.defaultValue()});
                }
            }
            return out;
        }

        @Override
        public boolean isVector(String name) {
            return definition().params().stream().anyMatch(p -> p.name().equals(name) && p.vector());
        }

        @Override
        public Builtin with(String name, double[] value) {
            Map<String, double[]> values = params.asMap();
            values.put(name, value.clone());
            return new Builtin(function, new LossParams(values));
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

        @Override
        public Map<String, double[]> settingValues() {
            return byName(constants);
        }

        @Override
        public Expression with(String name, double[] value) {
            Map<String, Double> values = new LinkedHashMap<>(constants);
            values.put(name, value[0]);
            return new Expression(text, variables, values, minima);
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

        @Override
        public Map<String, double[]> settingValues() {
            return byName(params);
        }

        @Override
        public Plugin with(String name, double[] value) {
            Map<String, Double> values = new LinkedHashMap<>(params);
            values.put(name, value[0]);
            return new Plugin(className, values);
        }
    }

    /**
     * A model trained on a data set: the loss is the mean over the training rows (plus the l2 term);
     * see {@link dev.gdsweep.loss.model} for the definitions and the weight layouts.
     *
     * @param regression for an mlp, squared error on one output instead of softmax cross-entropy
     * @param reference whether the report holds the optimum of the objective ({@code reference: auto}); only
     *     linear, logistic and softmax regression have one (see {@link #hasReference})
     * @param data the rows, loaded on the driver (and broadcast to the executors)
     */
    record Model(ModelKind kind, DataSpec dataSpec, double l2, int[] hidden, Activation activation,
            boolean regression, boolean reference, ModelData data) implements LossSpec {

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
        public Map<String, double[]> settingValues() {
            return Map.of("l2", new double[] {l2});
        }

        /** The same model with another l2: it shares this one's data, loaded once. */
        @Override
        public Model with(String name, double[] value) {
            if (!name.equals("l2")) {
                throw new IllegalArgumentException("a model's only numeric setting is l2, not " + name);
            }
            return new Model(kind, dataSpec, value[0], hidden, activation, regression, reference, data);
        }

        /** Whether the sweep computes a reference optimum for this model: asked for, and the model is convex. */
        public boolean hasReference() {
            return reference && kind != ModelKind.MLP;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Model m && kind == m.kind && dataSpec.equals(m.dataSpec) && l2 == m.l2
                    && java.util.Arrays.equals(hidden, m.hidden) && activation == m.activation
                    && regression == m.regression && reference == m.reference;
        }

        @Override
        public int hashCode() {
            return kind.hashCode() * 31 + dataSpec.hashCode();
        }
    }

    /** Named numbers as settings, by name (as the spec writes them). */
    private static Map<String, double[]> byName(Map<String, Double> values) {
        Map<String, double[]> out = new LinkedHashMap<>();
        new TreeMap<>(values).forEach((name, v) -> out.put(name, new double[] {v}));
        return out;
    }
}
