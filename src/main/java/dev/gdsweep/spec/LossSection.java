package dev.gdsweep.spec;

import dev.gdsweep.loss.BuiltinLosses;
import dev.gdsweep.loss.LossDefinition;
import dev.gdsweep.loss.LossParameterException;
import dev.gdsweep.loss.LossParams;
import dev.gdsweep.loss.ParamSpec;
import dev.gdsweep.loss.PluginLosses;
import dev.gdsweep.loss.formula.Formula;
import dev.gdsweep.loss.formula.FormulaParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code loss:} a built-in ({@code function}, {@code params}), a formula ({@code expression},
 * {@code variables}, {@code constants}, {@code minima}) or a plugin class ({@code class},
 * {@code params}), each checked against the dimension of the initial weights. A model over data is
 * {@link ModelSection}'s.
 */
final class LossSection {

    private LossSection() {}

    /** A loss that is not a model; {@code initialNode} is blamed when the dimension does not fit. */
    static LossSpec read(SpecNode node, SpecNode initialNode, int dimension) {
        if (!node.isMapping()) {
            throw node.invalid("must be a mapping with function:, expression: or class:");
        }
        if (node.peek("expression").isPresent()) {
            return expression(node, initialNode, dimension);
        }
        if (node.peek("class").isPresent()) {
            return plugin(node, initialNode, dimension);
        }
        if (node.peek("function").isEmpty()) {
            throw node.error("needs one of: function (a built-in), expression (a formula), class (a plugin), "
                    + "model (a model over a data set)");
        }
        return builtin(node, initialNode, dimension);
    }

    /** The section as read back: a built-in's parameters with their defaults filled in. */
    static Map<String, Object> write(LossSpec loss) {
        if (loss instanceof LossSpec.Model m) {
            return ModelSection.write(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (loss instanceof LossSpec.Builtin b) {
            out.put("function", b.function());
            Map<String, Object> values = new LinkedHashMap<>();
            for (ParamSpec p : b.definition().params()) {
                if (b.params().has(p.name())) {
                    double[] v = b.params().vector(p.name());
                    values.put(p.name(), p.vector() ? SpecWriter.list(v) : v[0]);
                } else if (p.defaultValue() != null) {
                    values.put(p.name(), p.defaultValue());
                }
            }
            if (!values.isEmpty()) {
                out.put("params", values);
            }
        } else if (loss instanceof LossSpec.Expression e) {
            out.put("expression", e.text());
            out.put("variables", e.variables());
            if (!e.constants().isEmpty()) {
                out.put("constants", new TreeMap<>(e.constants()));
            }
            if (!e.minima().isEmpty()) {
                out.put("minima", e.minima().stream().map(SpecWriter::list).toList());
            }
        } else if (loss instanceof LossSpec.Plugin p) {
            out.put("class", p.className());
            if (!p.params().isEmpty()) {
                out.put("params", new TreeMap<>(p.params()));
            }
        }
        return out;
    }

    private static LossSpec builtin(SpecNode node, SpecNode initialNode, int dimension) {
        SpecMapping m = node.asMapping("function", "params");
        SpecNode functionNode = m.required("function");
        String function = functionNode.asString();
        LossDefinition definition = BuiltinLosses.find(function).orElseThrow(() -> functionNode.invalid(
                "unknown loss function; built-ins: " + String.join(", ", BuiltinLosses.names())));

        Map<String, double[]> values = new LinkedHashMap<>();
        Map<String, SpecNode> paramNodes = new LinkedHashMap<>();
        Optional<SpecNode> paramsNode = m.get("params");
        if (paramsNode.isPresent()) {
            String[] allowed = definition.params().stream().map(ParamSpec::name).toArray(String[]::new);
            if (allowed.length == 0) {
                throw paramsNode.get().error("loss '" + function + "' takes no parameters");
            }
            SpecMapping given = paramsNode.get().asMapping(allowed);
            for (ParamSpec p : definition.params()) {
                Optional<SpecNode> v = given.get(p.name());
                if (v.isPresent()) {
                    values.put(p.name(), p.vector() ? v.get().finiteVector() : new double[] {v.get().asFiniteDouble()});
                    paramNodes.put(p.name(), v.get());
                }
            }
        }
        LossParams params = new LossParams(values);
        if (!definition.acceptsDimension(dimension)) {
            throw initialNode.error("loss '" + function + "' takes dimension " + definition.dimensionDescription()
                    + ", but the initial weights have dimension " + dimension);
        }
        try {
            definition.create(dimension, params);
        } catch (LossParameterException e) {
            SpecNode at = e.parameter() == null ? initialNode : paramNodes.getOrDefault(e.parameter(), node);
            throw at.error(e.getMessage());
        }
        return new LossSpec.Builtin(function, params);
    }

    private static LossSpec expression(SpecNode node, SpecNode initialNode, int dimension) {
        SpecMapping m = node.asMapping("expression", "variables", "constants", "minima");
        SpecNode textNode = m.required("expression");
        String text = textNode.asString();
        SpecNode variablesNode = m.required("variables");
        List<String> variables = new ArrayList<>();
        for (SpecNode v : variablesNode.asList()) {
            variables.add(v.asString());
        }
        Optional<SpecNode> constantsNode = m.get("constants");
        Map<String, Double> constants = constantsNode.map(SpecNode::asFiniteNumbers).orElse(Map.of());
        Formula formula;
        try {
            formula = Formula.parse(text, variables, constants);
        } catch (FormulaParseException e) {
            throw textNode.error(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw (constantsNode.isPresent() && e.getMessage().contains("constant") ? constantsNode.get() : variablesNode)
                    .error(e.getMessage());
        }
        if (formula.variables().size() != dimension) {
            throw initialNode.error("the formula has " + variables.size() + " variables " + variables
                    + ", but the initial weights have dimension " + dimension);
        }
        List<double[]> minima = new ArrayList<>();
        Optional<SpecNode> minimaNode = m.get("minima");
        if (minimaNode.isPresent()) {
            for (SpecNode point : minimaNode.get().asList()) {
                double[] p = point.finiteVector();
                if (p.length != dimension) {
                    throw point.error("a minimum needs one coordinate per variable (" + dimension + "), got "
                            + p.length);
                }
                minima.add(p);
            }
        }
        return new LossSpec.Expression(text, variables, constants, minima);
    }

    private static LossSpec plugin(SpecNode node, SpecNode initialNode, int dimension) {
        SpecMapping m = node.asMapping("class", "params");
        SpecNode classNode = m.required("class");
        String className = classNode.asString();
        Map<String, Double> params = m.get("params").map(SpecNode::asFiniteNumbers).orElse(Map.of());
        LossSpec.Plugin plugin = new LossSpec.Plugin(className, params);
        try {
            plugin.create(dimension); // exists, implements Loss, takes its params, fits the dimension
        } catch (PluginLosses.PluginException e) {
            throw (e.getMessage().contains("dimension") ? initialNode : classNode).error(e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            throw classNode.error("class '" + className + "' failed while being constructed: " + e);
        }
        return plugin;
    }
}
