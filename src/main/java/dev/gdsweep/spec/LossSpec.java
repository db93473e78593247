package dev.gdsweep.spec;

import dev.gdsweep.loss.BuiltinLosses;
import dev.gdsweep.loss.Loss;
import dev.gdsweep.loss.LossDefinition;
import dev.gdsweep.loss.LossParams;
import dev.gdsweep.loss.Minimum;
import dev.gdsweep.loss.ParamSpec;
import dev.gdsweep.loss.PluginLosses;
import dev.gdsweep.loss.formula.Formula;
import dev.gdsweep.loss.formula.FormulaLoss;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which loss a sweep runs: a built-in, a formula, or a plugin class; already checked against the dimension. */
public sealed interface LossSpec permits LossSpec.Builtin, LossSpec.Expression, LossSpec.Plugin {

    /** A fresh loss instance; each task builds its own. */
    Loss create(int dimension);

    /** A short name for tables and logs: the built-in's name, "formula" or the class's simple name. */
    String name();

    /** The {@code loss:} section of the resolved spec. */
    Map<String, Object> toYaml();

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
        public Map<String, Object> toYaml() {
            Map<String, Object> loss = new LinkedHashMap<>();
            loss.put("function", function);
            Map<String, Object> values = new LinkedHashMap<>();
            for (ParamSpec p : definition().params()) {
                if (params.has(p.name())) {
                    double[] v = params.vector(p.name());
                    values.put(p.name(), p.vector() ? SpecWriter.list(v) : v[0]);
                } else if (p.defaultValue() != null) {
                    values.put(p.name(), p.defaultValue());
                }
            }
            if (!values.isEmpty()) {
                loss.put("params", values);
            }
            return loss;
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
        public Map<String, Object> toYaml() {
            Map<String, Object> loss = new LinkedHashMap<>();
            loss.put("expression", text);
            loss.put("variables", variables);
            if (!constants.isEmpty()) {
                loss.put("constants", new java.util.TreeMap<>(constants));
            }
            if (!minima.isEmpty()) {
                loss.put("minima", minima.stream().map(SpecWriter::list).toList());
            }
            return loss;
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
        public Map<String, Object> toYaml() {
            Map<String, Object> loss = new LinkedHashMap<>();
            loss.put("class", className);
            if (!params.isEmpty()) {
                loss.put("params", new java.util.TreeMap<>(params));
            }
            return loss;
        }
    }
}
