package dev.gdsweep.spec;

import dev.gdsweep.engine.StoppingRule;
import dev.gdsweep.grid.InitialPoints;
import dev.gdsweep.grid.InitializedPoints;
import dev.gdsweep.grid.NormalPoints;
import dev.gdsweep.grid.ZeroPoint;
import dev.gdsweep.loss.model.Activation;
import dev.gdsweep.loss.model.MlpLoss;
import dev.gdsweep.loss.model.ModelLoss;
import dev.gdsweep.grid.Lattice;
import dev.gdsweep.grid.LearningRates;
import dev.gdsweep.grid.ListedPoints;
import dev.gdsweep.grid.RandomPoints;
import dev.gdsweep.loss.BuiltinLosses;
import dev.gdsweep.loss.LossDefinition;
import dev.gdsweep.loss.LossParameterException;
import dev.gdsweep.loss.LossParams;
import dev.gdsweep.loss.ParamSpec;
import dev.gdsweep.loss.PluginLosses;
import dev.gdsweep.loss.formula.Formula;
import dev.gdsweep.loss.formula.FormulaParseException;
import dev.gdsweep.optim.Optimizer;
import dev.gdsweep.optim.OptimizerConfig;
import dev.gdsweep.optim.Schedule;
import dev.gdsweep.optim.Setting;
import java.util.ArrayList;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a sweep spec (YAML) into a validated {@link SweepSpec}. Every rule is checked here, before
 * anything runs, and every violation is a {@link SpecException} naming file, line, key, rule and value.
 */
public final class SpecLoader {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private SpecLoader() {}

    /**
     * Loads {@code file}, applies {@code overrides} ({@code key=value}, in order) and validates; the
     * environment's variables are replaced, and a model's data is loaded with {@code resolver}.
     */
    public static SweepSpec load(Path file, List<String> overrides, DataResolver resolver) {
        return load(file, overrides, Variables.ofEnvironment(null), resolver);
    }

    /** Loads {@code file}, replacing {@code ${...}} variables in it and in the overrides first. */
    public static SweepSpec load(Path file, List<String> overrides, Variables variables, DataResolver resolver) {
        String source = file.toString();
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new SpecException(source, 0, null, "is a directory, not a spec file");
            }
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new SpecException(source, 0, null, "spec file not found");
        } catch (AccessDeniedException e) {
            throw new SpecException(source, 0, null, "spec file is not readable (permission denied)");
        } catch (CharacterCodingException e) {
            throw new SpecException(source, 0, null, "spec file is not UTF-8 text");
        } catch (IOException e) {
            throw new SpecException(source, 0, null, "cannot read spec file: " + e.getMessage());
        }
        List<String> substituted = overrides.stream().map(o -> variables.substitute(o, "--set " + o)).toList();
        return parse(variables.substitute(text, source), source, defaultName(file), substituted, resolver);
    }

    /**
     * Parses spec text, loading a model's data with {@code resolver} ({@link DataResolver#NONE} where
     * no spec has a model); {@code source} names the text in error messages.
     */
    public static SweepSpec parse(String text, String source, String defaultName, List<String> overrides,
            DataResolver resolver) {
        Node root = compose(text, source).orElse(null);
        if (root == null) {
            throw new SpecException(source, 0, null, "the spec is empty");
        }
        for (String override : overrides) {
            root = Overrides.apply(root, override);
        }
        return read(new SpecNode(root, "", source), defaultName, resolver);
    }

    static Optional<Node> compose(String text, String label) {
        LoadSettings settings = LoadSettings.builder().setLabel(label).setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(10).build();
        try {
            return new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
            int line = mark == null || label.startsWith("--set ") ? 0 : mark.getLine() + 1;
            String problem = e.getProblem() == null ? "malformed YAML" : e.getProblem();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw new SpecException(label, line, null, "YAML syntax error: " + problem + context);
        } catch (YamlEngineException e) {
            throw new SpecException(label, 0, null, "YAML syntax error: " + e.getMessage());
        }
    }

    private static String defaultName(Path file) {
        String base = file.getFileName() == null ? "sweep" : file.getFileName().toString();
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    private static SweepSpec read(SpecNode root, String defaultName, DataResolver resolver) {
        if (!root.isMapping()) {
            throw root.invalid("the spec must be a mapping of keys such as loss:, learning_rate:, initial_weights:");
        }
        SpecNode.Mapping spec = root.asMapping(
                "name", "loss", "optimizer", "schedule", "learning_rate", "initial_weights", "stopping", "output",
                "limits", "record", "gates", "batch_size");

        String name = defaultName;
        Optional<SpecNode> nameNode = spec.get("name");
        if (nameNode.isPresent()) {
            name = nameNode.get().asString();
            if (!NAME.matcher(name).matches()) {
                throw nameNode.get().invalid("must be letters, digits, '.', '_' or '-', starting with a letter or digit");
            }
        } else if (!NAME.matcher(name).matches()) {
            name = "sweep";
        }

        List<OptimizerConfig> optimizers = spec.get("optimizer").map(SpecLoader::optimizers)
                .orElse(List.of(OptimizerConfig.PLAIN));
        List<Schedule> schedules = spec.get("schedule").map(SpecLoader::schedules).orElse(List.of(Schedule.CONSTANT));
        LearningRates learningRates = learningRates(spec.required("learning_rate"));
        SpecNode lossNode = spec.required("loss");
        SpecNode initialNode = spec.required("initial_weights");
        InitialPoints initialPoints;
        LossSpec loss;
        if (lossNode.isMapping() && lossNode.peek("model").isPresent()) {
            // A model's dimension comes from its data, so the data is loaded before the initial weights.
            LossSpec.Model model = model(lossNode, resolver);
            initialPoints = modelInitialPoints(initialNode, model.build());
            loss = model;
        } else {
            initialPoints = initialPoints(initialNode);
            loss = loss(lossNode, initialNode, initialPoints.dimension());
        }
        StoppingRule stopping = stopping(spec.get("stopping").orElse(null));

        String outputPath = Defaults.OUTPUT_PARENT + "/" + name;
        Optional<SpecNode> output = spec.get("output");
        if (output.isPresent()) {
            Optional<SpecNode> path = output.get().asMapping("path").get("path");
            if (path.isPresent()) {
                outputPath = path.get().asString();
                if (outputPath.isBlank()) {
                    throw path.get().invalid("must not be empty");
                }
            }
        }

        SweepSpec.Limits limits = limits(spec.get("limits").orElse(null));
        long maxRuns = limits.maxRuns();
        List<Integer> batchSizes = batchSizes(spec.get("batch_size").orElse(null), loss);
        long size;
        try {
            size = new dev.gdsweep.grid.Grid(optimizers, schedules, batchSizes, learningRates, initialPoints).size();
        } catch (ArithmeticException e) {
            size = Long.MAX_VALUE;
        }
        if (size > maxRuns) {
            String configurations = optimizers.size() * schedules.size() == 1 ? ""
                    : optimizers.size() + " optimizer settings x " + schedules.size() + " schedules x ";
            throw new SpecException(root.source(), 0, null, "the grid has " + configurations + learningRates.count()
                    + " learning rates x " + initialPoints.count() + " initial points = "
                    + (size == Long.MAX_VALUE ? "more than 2^63" : size) + " runs, more than limits.max_runs = "
                    + maxRuns);
        }
        RecordSpec record = record(spec.get("record").orElse(null), size);
        SweepSpec.Gates gates = SweepSpec.Gates.NONE;
        Optional<SpecNode> gatesNode = spec.get("gates");
        if (gatesNode.isPresent()) {
            SpecNode.Mapping g = gatesNode.get().asMapping("max_converged_fraction_drop", "max_best_loss_increase");
            gates = new SweepSpec.Gates(
                    g.get("max_converged_fraction_drop").map(SpecLoader::nonNegativeFinite).orElse(null),
                    g.get("max_best_loss_increase").map(SpecLoader::nonNegativeFinite).orElse(null));
        }
        return new SweepSpec(name, loss, optimizers, schedules, batchSizes, learningRates, initialPoints, stopping,
                outputPath, limits, record, gates);
    }

    // ---- optimizer and schedule ------------------------------------------------------------------

    /** One entry, or a list; each numeric setting may be a list, expanded last-setting-fastest. */
    private static List<OptimizerConfig> optimizers(SpecNode node) {
        List<SpecNode> entries = node.isList() ? node.asList() : List.of(node);
        if (entries.isEmpty()) {
            throw node.error("needs at least one optimizer");
        }
        List<OptimizerConfig> out = new ArrayList<>();
        for (SpecNode entry : entries) {
            SpecNode nameNode = entry.isScalar() ? entry : entry.peek("name").orElseThrow(
                    () -> entry.error("missing required key 'name' (one of " + String.join(", ", Optimizer.labels())
                            + ")"));
            String label = nameNode.asString();
            Optimizer optimizer = Optimizer.byLabel(label).orElseThrow(() -> nameNode.invalid(
                    "unknown optimizer; known: " + String.join(", ", Optimizer.labels())));
            List<Setting> settings = optimizer.settings();
            double[][] axes = new double[settings.size()][];
            if (entry.isScalar()) {
                for (int i = 0; i < axes.length; i++) {
                    axes[i] = new double[] {settings.get(i).defaultValue()};
                }
            } else {
                List<String> allowed = new ArrayList<>(List.of("name"));
                settings.forEach(st -> allowed.add(st.name()));
                SpecNode.Mapping m = entry.asMapping(allowed.toArray(String[]::new));
                for (int i = 0; i < axes.length; i++) {
                    Setting setting = settings.get(i);
                    Optional<SpecNode> given = m.get(setting.name());
                    axes[i] = given.isEmpty() ? new double[] {setting.defaultValue()} : settingValues(given.get(), setting);
                }
            }
            expand(optimizer, axes, new double[axes.length], 0, out);
        }
        return out;
    }

    private static double[] settingValues(SpecNode node, Setting setting) {
        List<SpecNode> items = node.isList() ? node.asList() : List.of(node);
        if (items.isEmpty()) {
            throw node.error("needs at least one value");
        }
        double[] values = new double[items.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = items.get(i).asDouble();
            String rule = setting.violation(values[i]);
            if (rule != null) {
                throw items.get(i).invalid(rule);
            }
        }
        return values;
    }

    private static void expand(Optimizer optimizer, double[][] axes, double[] current, int axis,
            List<OptimizerConfig> out) {
        if (axis == axes.length) {
            out.add(new OptimizerConfig(optimizer, current));
            return;
        }
        for (double v : axes[axis]) {
            current[axis] = v;
            expand(optimizer, axes, current, axis + 1, out);
        }
    }

    private static List<Schedule> schedules(SpecNode node) {
        List<SpecNode> entries = node.isList() ? node.asList() : List.of(node);
        if (entries.isEmpty()) {
            throw node.error("needs at least one schedule");
        }
        List<Schedule> out = new ArrayList<>();
        for (SpecNode entry : entries) {
            SpecNode nameNode = entry.isScalar() ? entry : entry.peek("name").orElseThrow(
                    () -> entry.error("missing required key 'name' (constant, inverse_sqrt, exponential or step)"));
            Schedule.Kind kind = Schedule.Kind.byLabel(nameNode.asString()).orElseThrow(() -> nameNode.invalid(
                    "unknown schedule; known: constant, inverse_sqrt, exponential, step"));
            out.add(switch (kind) {
                case CONSTANT, INVERSE_SQRT -> {
                    if (!entry.isScalar()) {
                        entry.asMapping("name");
                    }
                    yield kind == Schedule.Kind.CONSTANT ? Schedule.CONSTANT : Schedule.INVERSE_SQRT;
                }
                case EXPONENTIAL -> Schedule.exponential(gamma(entry.asMapping("name", "gamma").required("gamma")));
                case STEP -> {
                    SpecNode.Mapping m = entry.asMapping("name", "gamma", "step_size");
                    SpecNode sizeNode = m.required("step_size");
                    long size = sizeNode.asLong();
                    if (size < 1) {
                        throw sizeNode.invalid("must be >= 1");
                    }
                    yield Schedule.step(gamma(m.required("gamma")), size);
                }
            });
        }
        return out;
    }

    private static double gamma(SpecNode node) {
        double v = node.asDouble();
        if (!(v > 0) || Double.isInfinite(v)) {
            throw node.invalid("must be a finite number > 0");
        }
        return v;
    }

    // ---- learning_rate ---------------------------------------------------------------------------

    private static LearningRates learningRates(SpecNode node) {
        if (node.isScalar()) {
            return LearningRates.values(rate(node));
        }
        if (node.isList()) {
            return LearningRates.values(rates(node));
        }
        SpecNode.Mapping m = node.asMapping("log", "linear", "values");
        String kind = m.exactlyOne("log", "linear", "values");
        if (kind.equals("values")) {
            return LearningRates.values(rates(m.required("values")));
        }
        SpecNode.Mapping range = m.required(kind).asMapping("from", "to", "count");
        SpecNode fromNode = range.required("from");
        SpecNode toNode = range.required("to");
        double from = rate(fromNode);
        double to = rate(toNode);
        if (from > to) {
            throw toNode.error("must be >= from (" + fromNode.written() + "), got " + toNode.written());
        }
        int count = positiveCount(range.required("count"));
        return kind.equals("log") ? LearningRates.log(from, to, count) : LearningRates.linear(from, to, count);
    }

    private static double[] rates(SpecNode list) {
        List<SpecNode> items = list.asList();
        if (items.isEmpty()) {
            throw list.error("needs at least one learning rate");
        }
        double[] out = new double[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rate(items.get(i));
        }
        return out;
    }

    private static double rate(SpecNode node) {
        double v = node.asDouble();
        if (!(v > 0) || Double.isInfinite(v)) {
            throw node.invalid("a learning rate must be a finite number > 0");
        }
        return v;
    }

    private static int positiveCount(SpecNode node) {
        int v = node.asInt();
        if (v < 1) {
            throw node.invalid("must be >= 1");
        }
        return v;
    }

    // ---- initial_weights -------------------------------------------------------------------------

    private static InitialPoints initialPoints(SpecNode node) {
        SpecNode.Mapping m = node.asMapping("grid", "points", "random");
        String kind = m.exactlyOne("grid", "points", "random");
        return switch (kind) {
            case "grid" -> lattice(m.required("grid"));
            case "points" -> points(m.required("points"));
            default -> random(m.required("random"));
        };
    }

    private static InitialPoints lattice(SpecNode node) {
        SpecNode.Mapping m = node.asMapping("min", "max", "count");
        double[][] box = box(m);
        int d = box[0].length;
        SpecNode countNode = m.required("count");
        int[] counts = new int[d];
        if (countNode.isScalar()) {
            java.util.Arrays.fill(counts, positiveCount(countNode));
        } else {
            List<SpecNode> items = countNode.asList();
            if (items.size() != d) {
                throw countNode.error("needs one count per coordinate (" + d + "), got " + items.size());
            }
            for (int j = 0; j < d; j++) {
                counts[j] = positiveCount(items.get(j));
            }
        }
        try {
            return new Lattice(box[0], box[1], counts);
        } catch (ArithmeticException e) {
            throw countNode.error("the lattice has more than 2^63 points");
        }
    }

    private static InitialPoints points(SpecNode node) {
        List<SpecNode> items = node.asList();
        if (items.isEmpty()) {
            throw node.error("needs at least one point");
        }
        double[][] points = new double[items.size()][];
        for (int i = 0; i < points.length; i++) {
            points[i] = finiteVector(items.get(i));
            if (points[i].length != points[0].length) {
                throw items.get(i).error("every point needs the dimension of the first (" + points[0].length
                        + "), got " + points[i].length + " coordinates");
            }
        }
        return new ListedPoints(points);
    }

    private static InitialPoints random(SpecNode node) {
        SpecNode.Mapping m = node.asMapping("count", "min", "max", "seed");
        SpecNode countNode = m.required("count");
        long count = countNode.asLong();
        if (count < 1) {
            throw countNode.invalid("must be >= 1");
        }
        double[][] box = box(m);
        long seed = m.get("seed").map(SpecNode::asLong).orElse(Defaults.RANDOM_SEED);
        return new RandomPoints(count, box[0], box[1], seed);
    }

    /** min and max of a box: finite vectors of one non-zero length, min ≤ max coordinate-wise. */
    private static double[][] box(SpecNode.Mapping m) {
        SpecNode minNode = m.required("min");
        SpecNode maxNode = m.required("max");
        double[] min = finiteVector(minNode);
        double[] max = finiteVector(maxNode);
        if (max.length != min.length) {
            throw maxNode.error("needs as many coordinates as min (" + min.length + "), got " + max.length);
        }
        for (int j = 0; j < min.length; j++) {
            if (min[j] > max[j]) {
                throw maxNode.error("coordinate " + j + " must be >= min's (" + min[j] + "), got " + max[j]);
            }
        }
        return new double[][] {min, max};
    }

    private static double[] finiteVector(SpecNode node) {
        List<SpecNode> items = node.asList();
        if (items.isEmpty()) {
            throw node.error("needs at least one coordinate");
        }
        double[] out = new double[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = items.get(i).asFiniteDouble();
        }
        return out;
    }

    // ---- loss --------------------------------------------------------------------------------------

    private static LossSpec loss(SpecNode node, SpecNode initialNode, int dimension) {
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

    private static LossSpec expression(SpecNode node, SpecNode initialNode, int dimension) {
        SpecNode.Mapping m = node.asMapping("expression", "variables", "constants", "minima");
        SpecNode textNode = m.required("expression");
        String text = textNode.asString();
        SpecNode variablesNode = m.required("variables");
        List<String> variables = new ArrayList<>();
        for (SpecNode v : variablesNode.asList()) {
            variables.add(v.asString());
        }
        Map<String, Double> constants = new LinkedHashMap<>();
        Optional<SpecNode> constantsNode = m.get("constants");
        if (constantsNode.isPresent()) {
            SpecNode.Mapping given = constantsNode.get().asMapping(
                    constantsNode.get().isMapping() ? keysOf(constantsNode.get()) : new String[0]);
            given.entries().forEach((name, value) -> constants.put(name, value.asFiniteDouble()));
        }
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
                double[] p = finiteVector(point);
                if (p.length != dimension) {
                    throw point.error("a minimum needs one coordinate per variable (" + dimension + "), got "
                            + p.length);
                }
                minima.add(p);
            }
        }
        return new LossSpec.Expression(text, variables, constants, minima);
    }

    // ---- models over data -------------------------------------------------------------------------

    private static LossSpec.Model model(SpecNode node, DataResolver resolver) {
        SpecNode.Mapping m = node.asMapping("model", "data", "l2", "hidden", "activation", "task");
        SpecNode modelNode = m.required("model");
        String model = modelNode.asString();
        if (!LossSpec.Model.NAMES.contains(model)) {
            throw modelNode.invalid("unknown model; known: " + String.join(", ", LossSpec.Model.NAMES));
        }
        boolean mlp = model.equals("mlp");
        for (String mlpOnly : new String[] {"hidden", "activation", "task"}) {
            if (!mlp && m.get(mlpOnly).isPresent()) {
                throw m.get(mlpOnly).get().error("only for model: mlp");
            }
        }
        double l2 = m.get("l2").map(SpecLoader::nonNegativeFinite).orElse(0.0);
        int[] hidden = {16};
        Optional<SpecNode> hiddenNode = m.get("hidden");
        if (hiddenNode.isPresent()) {
            List<SpecNode> sizes = hiddenNode.get().asList();
            hidden = new int[sizes.size()];
            for (int i = 0; i < hidden.length; i++) {
                hidden[i] = positiveCount(sizes.get(i));
            }
        }
        Activation activation = Activation.TANH;
        Optional<SpecNode> activationNode = m.get("activation");
        if (activationNode.isPresent()) {
            activation = switch (activationNode.get().asString()) {
                case "tanh" -> Activation.TANH;
                case "relu" -> Activation.RELU;
                default -> throw activationNode.get().invalid("must be tanh or relu");
            };
        }
        boolean regression = false;
        Optional<SpecNode> taskNode = m.get("task");
        if (taskNode.isPresent()) {
            regression = switch (taskNode.get().asString()) {
                case "classification" -> false;
                case "regression" -> true;
                default -> throw taskNode.get().invalid("must be classification or regression");
            };
        }
        SpecNode dataNode = m.required("data");
        DataSpec data = dataSpec(dataNode, regression || model.equals("linear_regression"));
        boolean classification = LossSpec.Model.classifies(model, regression);
        ModelData loaded = resolver.load(data, classification, dataNode.source(), dataNode.line());
        int classes = loaded.train().classCount();
        if (model.equals("logistic_regression") && classes != 2) {
            throw modelNode.error("logistic regression needs 2 classes, but the label '" + data.label() + "' has "
                    + classes + " (" + String.join(", ", loaded.train().classNames())
                    + "); use model: softmax_regression");
        }
        return new LossSpec.Model(model, data, l2, hidden, activation, regression, loaded);
    }

    private static DataSpec dataSpec(SpecNode node, boolean regression) {
        SpecNode.Mapping m = node.asMapping("path", "format", "label", "features", "standardize",
                "validation_fraction", "seed", "missing", "max_mb");
        SpecNode pathNode = m.required("path");
        String path = pathNode.asString();
        String format;
        Optional<SpecNode> formatNode = m.get("format");
        if (formatNode.isPresent()) {
            format = formatNode.get().asString();
            if (!List.of("csv", "libsvm", "parquet").contains(format)) {
                throw formatNode.get().invalid("must be csv, libsvm or parquet");
            }
        } else {
            String lower = path.toLowerCase(java.util.Locale.ROOT);
            if (lower.endsWith(".csv")) {
                format = "csv";
            } else if (lower.endsWith(".libsvm") || lower.endsWith(".svm")) {
                format = "libsvm";
            } else if (lower.endsWith(".parquet") || lower.endsWith("/")) {
                format = "parquet";
            } else {
                throw pathNode.invalid("cannot tell the format from the file name; give format: csv, libsvm or "
                        + "parquet");
            }
        }
        String label = m.get("label").map(SpecNode::asString).orElse(null);
        if (label == null && !format.equals("libsvm")) {
            throw node.error("missing required key 'label' (the " + format + " column holding the "
                    + (regression ? "target" : "class") + ")");
        }
        List<String> features = null;
        Optional<SpecNode> featuresNode = m.get("features");
        if (featuresNode.isPresent()) {
            if (format.equals("libsvm")) {
                throw featuresNode.get().error("a LIBSVM file has no column names; leave features out");
            }
            features = new ArrayList<>();
            for (SpecNode f : featuresNode.get().asList()) {
                features.add(f.asString());
            }
            if (features.isEmpty()) {
                throw featuresNode.get().error("needs at least one feature");
            }
        }
        boolean standardize = m.get("standardize").map(SpecNode::asBoolean).orElse(false);
        double validation = 0;
        Optional<SpecNode> validationNode = m.get("validation_fraction");
        if (validationNode.isPresent()) {
            validation = validationNode.get().asDouble();
            if (!(validation >= 0 && validation < 1)) {
                throw validationNode.get().invalid("must be >= 0 and < 1");
            }
        }
        long seed = m.get("seed").map(SpecNode::asLong).orElse(1L);
        boolean drop = false;
        Optional<SpecNode> missingNode = m.get("missing");
        if (missingNode.isPresent()) {
            drop = switch (missingNode.get().asString()) {
                case "refuse" -> false;
                case "drop" -> true;
                default -> throw missingNode.get().invalid("must be refuse or drop");
            };
        }
        long maxMb = positiveLong(m.get("max_mb"), 512);
        return new DataSpec(path, format, label, features, standardize, validation, seed, drop, maxMb);
    }

    private static InitialPoints modelInitialPoints(SpecNode node, ModelLoss model) {
        int d = model.dimension();
        SpecNode.Mapping m = node.asMapping("zeros", "random", "points");
        String kind = m.exactlyOne("zeros", "random", "points");
        switch (kind) {
            case "zeros": {
                SpecNode zeros = m.required("zeros");
                if (!zeros.asBoolean()) {
                    throw zeros.invalid("must be true (or give random: or points:)");
                }
                return new ZeroPoint(d);
            }
            case "points": {
                InitialPoints points = points(m.required("points"));
                if (points.dimension() != d) {
                    throw m.required("points").error("the model has " + d + " weights, but the points have "
                            + points.dimension() + " coordinates");
                }
                return points;
            }
            default: {
                SpecNode.Mapping r = m.required("random").asMapping("count", "distribution", "scale", "seed");
                SpecNode countNode = r.required("count");
                long count = countNode.asLong();
                if (count < 1) {
                    throw countNode.invalid("must be >= 1");
                }
                long seed = r.get("seed").map(SpecNode::asLong).orElse(Defaults.RANDOM_SEED);
                String distribution = model instanceof MlpLoss ? "default" : "normal";
                Optional<SpecNode> distributionNode = r.get("distribution");
                if (distributionNode.isPresent()) {
                    distribution = distributionNode.get().asString();
                    if (!distribution.equals("normal") && !(distribution.equals("default") && model instanceof MlpLoss)) {
                        throw distributionNode.get().invalid(model instanceof MlpLoss ? "must be default or normal"
                                : "must be normal");
                    }
                }
                if (distribution.equals("default")) {
                    if (r.get("scale").isPresent()) {
                        throw r.get("scale").get().error("the default initialisation has its own scale; "
                                + "leave scale out or use distribution: normal");
                    }
                    MlpLoss mlp = (MlpLoss) model;
                    return new InitializedPoints(count, d, seed, mlp::initialize,
                            "Glorot/He initialisation (" + mlp.activation().name().toLowerCase(java.util.Locale.ROOT)
                                    + ")");
                }
                double scale = r.get("scale").map(SpecLoader::nonNegativeFinite).orElse(0.01);
                return new NormalPoints(count, d, scale, seed);
            }
        }
    }

    private static String[] keysOf(SpecNode mapping) {
        return mapping.rawKeys().toArray(String[]::new);
    }

    private static LossSpec plugin(SpecNode node, SpecNode initialNode, int dimension) {
        SpecNode.Mapping m = node.asMapping("class", "params");
        SpecNode classNode = m.required("class");
        String className = classNode.asString();
        Map<String, Double> params = new LinkedHashMap<>();
        Optional<SpecNode> paramsNode = m.get("params");
        if (paramsNode.isPresent()) {
            SpecNode.Mapping given = paramsNode.get().asMapping(
                    paramsNode.get().isMapping() ? keysOf(paramsNode.get()) : new String[0]);
            given.entries().forEach((name, value) -> params.put(name, value.asFiniteDouble()));
        }
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

    private static LossSpec builtin(SpecNode node, SpecNode initialNode, int dimension) {
        SpecNode.Mapping m = node.asMapping("function", "params");
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
            SpecNode.Mapping given = paramsNode.get().asMapping(allowed);
            for (ParamSpec p : definition.params()) {
                Optional<SpecNode> v = given.get(p.name());
                if (v.isPresent()) {
                    values.put(p.name(), p.vector() ? finiteVector(v.get()) : new double[] {v.get().asFiniteDouble()});
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

    // ---- batch_size ----------------------------------------------------------------------------------

    /** {@code full} (the default), a number of rows, or a list of them: an axis of the grid. */
    private static List<Integer> batchSizes(SpecNode node, LossSpec loss) {
        if (node == null) {
            return List.of(dev.gdsweep.grid.Grid.FULL_BATCH);
        }
        List<SpecNode> items = node.isList() ? node.asList() : List.of(node);
        if (items.isEmpty()) {
            throw node.error("needs at least one batch size");
        }
        List<Integer> sizes = new ArrayList<>();
        for (SpecNode item : items) {
            if (item.isScalar() && "full".equals(item.raw() instanceof org.snakeyaml.engine.v2.nodes.ScalarNode sc
                    ? sc.getValue() : null)) {
                sizes.add(dev.gdsweep.grid.Grid.FULL_BATCH);
                continue;
            }
            if (!(loss instanceof LossSpec.Model model)) {
                throw item.invalid("mini-batches need a model over data (loss: {model: ...}); use full");
            }
            int size = item.asInt();
            int rows = model.data().train().rowCount();
            if (size < 1 || size > rows) {
                throw item.invalid("must be full or a number of rows from 1 to the " + rows + " training rows");
            }
            sizes.add(size);
        }
        return sizes;
    }

    // ---- record --------------------------------------------------------------------------------------

    private static RecordSpec record(SpecNode node, long runs) {
        if (node == null) {
            return RecordSpec.DEFAULT;
        }
        SpecNode.Mapping m = node.asMapping("trajectories", "every", "run_ids");
        int trajectories = Defaults.TRAJECTORIES;
        Optional<SpecNode> count = m.get("trajectories");
        if (count.isPresent()) {
            trajectories = count.get().asInt();
            if (trajectories < 0 || trajectories > 100_000) {
                throw count.get().invalid("must be from 0 to 100000");
            }
        }
        long every = positiveLong(m.get("every"), 1);
        List<Long> ids = new ArrayList<>();
        Optional<SpecNode> idsNode = m.get("run_ids");
        if (idsNode.isPresent()) {
            for (SpecNode id : idsNode.get().asList()) {
                long v = id.asLong();
                if (v < 0 || v >= runs) {
                    throw id.invalid("must be a run id from 0 to " + (runs - 1));
                }
                ids.add(v);
            }
            if (ids.size() > 100_000) {
                throw idsNode.get().error("at most 100000 run ids, got " + ids.size());
            }
        }
        return new RecordSpec(trajectories, every, ids);
    }

    // ---- limits ------------------------------------------------------------------------------------

    private static SweepSpec.Limits limits(SpecNode node) {
        if (node == null) {
            return SweepSpec.Limits.DEFAULT;
        }
        SpecNode.Mapping m = node.asMapping("max_runs", "max_seconds", "chunk_runs");
        long maxRuns = positiveLong(m.get("max_runs"), Defaults.MAX_RUNS);
        double maxSeconds = positiveSeconds(m.get("max_seconds"), Defaults.SWEEP_MAX_SECONDS);
        long chunkRuns = positiveLong(m.get("chunk_runs"), Defaults.CHUNK_RUNS);
        return new SweepSpec.Limits(maxRuns, maxSeconds, chunkRuns);
    }

    private static long positiveLong(Optional<SpecNode> node, long defaultValue) {
        if (node.isEmpty()) {
            return defaultValue;
        }
        long v = node.get().asLong();
        if (v < 1) {
            throw node.get().invalid("must be >= 1");
        }
        return v;
    }

    /** A duration in seconds, > 0; .inf for no limit. */
    private static double positiveSeconds(Optional<SpecNode> node, double defaultValue) {
        if (node.isEmpty()) {
            return defaultValue;
        }
        double v = node.get().asDouble();
        if (!(v > 0)) {
            throw node.get().invalid("must be a number of seconds > 0 (or .inf for no limit)");
        }
        return v;
    }

    // ---- stopping ----------------------------------------------------------------------------------

    private static StoppingRule stopping(SpecNode node) {
        if (node == null) {
            return new StoppingRule(Defaults.MAX_ITERATIONS, Defaults.GRADIENT_TOLERANCE, Defaults.PATIENCE,
                    Defaults.MIN_DELTA, Defaults.DIVERGENCE_LOSS, Defaults.RUN_MAX_SECONDS);
        }
        SpecNode.Mapping m = node.asMapping(
                "max_iterations", "gradient_tolerance", "patience", "min_delta", "divergence_loss", "max_seconds");
        long maxIterations = nonNegativeLong(m.get("max_iterations"), Defaults.MAX_ITERATIONS);
        double tolerance = nonNegativeFinite(m.get("gradient_tolerance"), Defaults.GRADIENT_TOLERANCE);
        long patience = nonNegativeLong(m.get("patience"), Defaults.PATIENCE);
        double minDelta = nonNegativeFinite(m.get("min_delta"), Defaults.MIN_DELTA);
        double divergence = Defaults.DIVERGENCE_LOSS;
        Optional<SpecNode> divergenceNode = m.get("divergence_loss");
        if (divergenceNode.isPresent()) {
            divergence = divergenceNode.get().asDouble();
            if (Double.isNaN(divergence) || divergence == Double.NEGATIVE_INFINITY) {
                throw divergenceNode.get().invalid("must be a number or .inf (no bound)");
            }
        }
        double maxSeconds = positiveSeconds(m.get("max_seconds"), Defaults.RUN_MAX_SECONDS);
        return new StoppingRule(maxIterations, tolerance, patience, minDelta, divergence, maxSeconds);
    }

    private static long nonNegativeLong(Optional<SpecNode> node, long defaultValue) {
        if (node.isEmpty()) {
            return defaultValue;
        }
        long v = node.get().asLong();
        if (v < 0) {
            throw node.get().invalid("must be >= 0");
        }
        return v;
    }

    private static double nonNegativeFinite(SpecNode node) {
        return nonNegativeFinite(Optional.of(node), 0);
    }

    private static double nonNegativeFinite(Optional<SpecNode> node, double defaultValue) {
        if (node.isEmpty()) {
            return defaultValue;
        }
        double v = node.get().asDouble();
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw node.get().invalid("must be a finite number >= 0");
        }
        return v;
    }
}
