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
import java.util.function.Function;

/**
 * {@code loss:} a built-in ({@code function}, {@code params}), a formula ({@code expression},
 * {@code variables}, {@code constants}, {@code minima}) or a plugin class ({@code class},
 * {@code params}), each checked against the dimension of the initial weights. A model over data is
 * {@link ModelSection}'s. Any numeric parameter or constant may be several values (see
 * {@link SettingValues}): an axis of the grid, each setting checked.
 */
final class LossSection {

    private LossSection() {}

    /**
     * Settings past this many are not each built to be checked, only each axis's values with the other
     * axes at their first; the grid-size limit refuses such a sweep anyway, unless it was raised.
     */
    private static final long CHECKED_SETTINGS = 100_000;

    /** A loss that is not a model; {@code initialNode} is blamed when the dimension does not fit. */
    static LossSettings read(SpecNode node, SpecNode initialNode, int dimension) {
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

    /** The section as read back: a built-in's parameters with their defaults filled in, each axis as written. */
    static Map<String, Object> write(LossSettings settings) {
        LossSpec loss = settings.first();
        if (loss instanceof LossSpec.Model m) {
            Map<String, Object> out = ModelSection.write(m);
            settings.axes().forEach(a -> out.put(a.setting(), a.written()));
            return out;
        }
        Map<String, Object> out = write(loss);
        if (settings.hasAxes()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> values = (Map<String, Object>) out.get(loss instanceof LossSpec.Expression
                    ? "constants" : "params");
            settings.axes().forEach(a -> values.put(a.setting(), a.written()));
        }
        return out;
    }

    private static Map<String, Object> write(LossSpec loss) {
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
                out.put("constants", new TreeMap<String, Object>(e.constants()));
            }
            if (!e.minima().isEmpty()) {
                out.put("minima", e.minima().stream().map(SpecWriter::list).toList());
            }
        } else if (loss instanceof LossSpec.Plugin p) {
            out.put("class", p.className());
            if (!p.params().isEmpty()) {
                out.put("params", new TreeMap<String, Object>(p.params()));
            }
        }
        return out;
    }

    private static LossSettings builtin(SpecNode node, SpecNode initialNode, int dimension) {
        SpecMapping m = node.asMapping("function", "params", "reference");
        ModelSection.reference(m); // accepted, and without a convex model nothing to compute
        SpecNode functionNode = m.required("function");
        String function = functionNode.asString();
        LossDefinition definition = BuiltinLosses.find(function).orElseThrow(() -> functionNode.invalid(
                "unknown loss function; built-ins: " + String.join(", ", BuiltinLosses.names())));

        Map<String, double[]> values = new LinkedHashMap<>();
        Map<String, SettingValues> given = new LinkedHashMap<>();
        Optional<SpecNode> paramsNode = m.get("params");
        if (paramsNode.isPresent()) {
            String[] allowed = definition.params().stream().map(ParamSpec::name).toArray(String[]::new);
            if (allowed.length == 0) {
                throw paramsNode.get().error("loss '" + function + "' takes no parameters");
            }
            SpecMapping params = paramsNode.get().asMapping(allowed);
            for (ParamSpec p : definition.params()) {
                Optional<SpecNode> v = params.get(p.name());
                if (v.isPresent()) {
                    SettingValues read = p.vector() ? SettingValues.vector(v.get(), p.name())
                            : SettingValues.number(v.get(), p.name(), SpecNode::asFiniteDouble);
                    values.put(p.name(), read.first());
                    given.put(p.name(), read);
                }
            }
        }
        if (!definition.acceptsDimension(dimension)) {
            throw initialNode.error("loss '" + function + "' takes dimension " + definition.dimensionDescription()
                    + ", but the initial weights have dimension " + dimension);
        }
        LossSettings settings = settings(new LossSpec.Builtin(function, new LossParams(values)), given);
        check(settings, given, loss -> {
            try {
                loss.create(dimension);
                return null;
            } catch (LossParameterException e) {
                return e;
            }
        }, e -> e.parameter() == null ? initialNode : null, node);
        return settings;
    }

    /** The loss with the axes among {@code given}, in order. */
    private static LossSettings settings(LossSpec loss, Map<String, SettingValues> given) {
        List<LossAxis> axes = new ArrayList<>();
        given.values().stream().filter(v -> v.axis() != null).forEach(v -> axes.add(v.axis()));
        return new LossSettings(loss, axes);
    }

    /**
     * Builds every setting (or, past {@link #CHECKED_SETTINGS}, every axis value) with {@code failure},
     * which gives the problem a loss has, or null; a problem is blamed on {@code blame}'s node, else on
     * the value of the setting it names ({@link LossParameterException#parameter}), else on {@code fallback}.
     */
    private static void check(LossSettings settings, Map<String, SettingValues> given,
            Function<LossSpec, LossParameterException> failure, Function<LossParameterException, SpecNode> blame,
            SpecNode fallback) {
        long count = settings.count();
        List<int[]> positions = new ArrayList<>();
        if (count <= CHECKED_SETTINGS) {
            for (long i = 0; i < count; i++) {
                positions.add(settings.positions(i));
            }
        } else {
            for (int k = 0; k < settings.axes().size(); k++) {
                for (int v = 0; v < settings.axes().get(k).values().size(); v++) {
                    int[] at = new int[settings.axes().size()];
                    at[k] = v;
                    positions.add(at);
                }
            }
        }
        for (int[] at : positions) {
            LossSpec loss = settings.base();
            for (int k = 0; k < at.length; k++) {
                loss = loss.with(settings.axes().get(k).setting(), settings.axes().get(k).value(at[k]));
            }
            LossParameterException e = failure.apply(loss);
            if (e != null) {
                SpecNode blamed = blame.apply(e);
                if (blamed == null) {
                    SettingValues values = e.parameter() == null ? null : given.get(e.parameter());
                    int k = values == null || values.axis() == null ? -1 : settings.axes().indexOf(values.axis());
                    blamed = values == null ? fallback : values.node(k < 0 ? 0 : at[k]);
                }
                throw blamed.error(e.getMessage() + (count > 1 ? " (loss setting " + loss.config() + ")" : ""));
            }
        }
    }

    private static LossSettings expression(SpecNode node, SpecNode initialNode, int dimension) {
        SpecMapping m = node.asMapping("expression", "variables", "constants", "minima", "reference");
        ModelSection.reference(m); // accepted, and without a convex model nothing to compute
        SpecNode textNode = m.required("expression");
        String text = textNode.asString();
        SpecNode variablesNode = m.required("variables");
        List<String> variables = new ArrayList<>();
        for (SpecNode v : variablesNode.asList()) {
            variables.add(v.asString());
        }
        Optional<SpecNode> constantsNode = m.get("constants");
        Map<String, SettingValues> given = constantsNode.map(LossSection::numbers).orElse(Map.of());
        Map<String, Double> constants = firstValues(given);
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
        return settings(new LossSpec.Expression(text, variables, constants, minima), byName(given));
    }

    /** Named numbers, each one value or an axis (constants, a plugin's parameters), in document order. */
    private static Map<String, SettingValues> numbers(SpecNode node) {
        Map<String, SettingValues> out = new LinkedHashMap<>();
        node.asMapping(node.rawKeys().toArray(String[]::new)).entries()
                .forEach((name, value) -> out.put(name, SettingValues.number(value, name, SpecNode::asFiniteDouble)));
        return out;
    }

    private static Map<String, Double> firstValues(Map<String, SettingValues> given) {
        Map<String, Double> out = new LinkedHashMap<>();
        given.forEach((name, v) -> out.put(name, v.first()[0]));
        return out;
    }

    /** {@code given} by name: the order the spec writes constants and a plugin's parameters back in. */
    private static Map<String, SettingValues> byName(Map<String, SettingValues> given) {
        return new LinkedHashMap<>(new TreeMap<>(given));
    }

    private static LossSettings plugin(SpecNode node, SpecNode initialNode, int dimension) {
        SpecMapping m = node.asMapping("class", "params", "reference");
        ModelSection.reference(m); // accepted, and without a convex model nothing to compute
        SpecNode classNode = m.required("class");
        String className = classNode.asString();
        Map<String, SettingValues> given = byName(m.get("params").map(LossSection::numbers).orElse(Map.of()));
        LossSettings settings = settings(new LossSpec.Plugin(className, firstValues(given)), given);
        check(settings, given, loss -> {
            try {
                loss.create(dimension); // exists, implements Loss, takes its params, fits the dimension
                return null;
            } catch (PluginLosses.PluginException e) {
                return new LossParameterException(null, e.getMessage());
            } catch (RuntimeException | LinkageError e) {
                return new LossParameterException("class", "class '" + className + "' failed while being constructed: "
                        + e);
            }
        }, e -> e.parameter() == null && e.getMessage().contains("dimension") ? initialNode : classNode, classNode);
        return settings;
    }
}
