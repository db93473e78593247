package dev.gdsweep.spec;

import dev.gdsweep.engine.StoppingRule;
import dev.gdsweep.grid.Grid;
import dev.gdsweep.grid.InitialPoints;
import dev.gdsweep.grid.LearningRates;
import dev.gdsweep.loss.model.MlpLoss;
import dev.gdsweep.loss.model.ModelLoss;
import dev.gdsweep.optim.OptimizerConfig;
import dev.gdsweep.optim.Schedule;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads a sweep spec (YAML) into a validated {@link SweepSpec}. Every rule is checked before anything
 * runs, and every violation is a {@link SpecException} naming file, line, key, rule and value. Each
 * section's rules live in its own type ({@link LossSection}, {@link LearningRateSection}, ...), beside
 * the code that writes it back; this class reads the file, applies the overrides and checks the
 * sections in order.
 */
public final class SpecLoader {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /**
     * The largest spec file read: specs are a few hundred bytes to a few KiB, since ranges describe
     * large grids in a line; a larger file is refused by its size alone, before it is read (a 5 MB
     * spec used to take 16 s and over 1 GB of memory to be parsed and then refused).
     */
    static final long MAX_SPEC_BYTES = 1L << 20;

    /**
     * The deepest nesting of lists and mappings in a spec (it needs 5 or so levels). The YAML composer
     * recurses once per level, so a limit checked as the events arrive keeps the stack from overflowing.
     */
    static final int MAX_DEPTH = 50;

    /**
     * The most weights a model may have: each run keeps its weights, its gradient and its optimizer's
     * state, several vectors of 128 MiB at this size, on one executor core.
     */
    static final long MAX_WEIGHTS = 1L << 24;

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
            long size = Files.size(file);
            if (size > MAX_SPEC_BYTES) {
                throw new SpecException(source, 0, null, "spec file too large: " + mib(size) + ", over the limit of "
                        + mib(MAX_SPEC_BYTES) + " for a spec file (ranges such as log: and random: describe large grids"
                        + " in a few lines)");
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
            Parser events = new DepthLimit(new ParserImpl(settings, new StreamReader(settings, text)), label);
            return new Composer(settings, events).getSingleNode();
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

    /**
     * The parser's events, refused once lists and mappings nest deeper than {@link #MAX_DEPTH}: the
     * error names the line of the first collection too deep, before the composer recurses into it.
     */
    private static final class DepthLimit implements Parser {
        private final Parser parser;
        private final String label;
        private int depth;

        DepthLimit(Parser parser, String label) {
            this.parser = parser;
            this.label = label;
        }

        @Override
        public boolean checkEvent(Event.ID id) {
            return parser.checkEvent(id);
        }

        @Override
        public Event peekEvent() {
            return parser.peekEvent();
        }

        @Override
        public boolean hasNext() {
            return parser.hasNext();
        }

        @Override
        public Event next() {
            Event event = parser.next();
            switch (event.getEventId()) {
                case SequenceStart, MappingStart -> {
                    if (++depth > MAX_DEPTH) {
                        int line = label.startsWith("--set ") ? 0
                                : event.getStartMark().map(m -> m.getLine() + 1).orElse(0);
                        throw new SpecException(label, line, null, "YAML nested more than " + MAX_DEPTH
                                + " levels deep (lists and mappings inside each other); a spec needs a few");
                    }
                }
                case SequenceEnd, MappingEnd -> depth--;
                default -> {
                }
            }
            return event;
        }
    }

    /** {@code 5.0 MiB}, {@code 1 MiB}, or {@code 900 KiB} below 1 MiB. */
    private static String mib(long bytes) {
        if (bytes % (1L << 20) == 0) {
            return bytes / (1L << 20) + " MiB";
        }
        if (bytes < 1L << 20) {
            return (bytes + 1023) / 1024 + " KiB";
        }
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }

    private static String defaultName(Path file) {
        String base = file.getFileName() == null ? "sweep" : file.getFileName().toString();
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    /** The sections in the order they are checked, so that the first mistake in a spec is the one reported. */
    private static SweepSpec read(SpecNode root, String defaultName, DataResolver resolver) {
        if (!root.isMapping()) {
            throw root.invalid("the spec must be a mapping of keys such as loss:, learning_rate:, initial_weights:");
        }
        SpecMapping spec = root.asMapping(
                "name", "loss", "optimizer", "schedule", "learning_rate", "initial_weights", "stopping", "output",
                "limits", "record", "gates", "batch_size", "refine", "recommend");
        String name = name(spec.get("name"), defaultName);
        List<OptimizerConfig> optimizers = spec.get("optimizer").map(OptimizerSection::read)
                .orElse(List.of(OptimizerConfig.PLAIN));
        List<Schedule> schedules = spec.get("schedule").map(ScheduleSection::read).orElse(List.of(Schedule.CONSTANT));
        LearningRates learningRates = LearningRateSection.read(spec.required("learning_rate"));
        SpecNode lossNode = spec.required("loss");
        SpecNode initialNode = spec.required("initial_weights");
        InitialPoints initialPoints;
        LossSettings losses;
        if (lossNode.isMapping() && lossNode.peek("model").isPresent()) {
            // A model's dimension comes from its data, so the data is loaded before the initial weights.
            losses = ModelSection.read(lossNode, resolver);
            initialPoints = InitialWeightsSection.readForModel(initialNode, built(lossNode, (LossSpec.Model) losses.first()));
        } else {
            initialPoints = InitialWeightsSection.read(initialNode);
            losses = LossSection.read(lossNode, initialNode, initialPoints.dimension());
        }
        LossSpec loss = losses.first();
        StoppingRule stopping = spec.get("stopping").map(StoppingSection::read).orElse(StoppingSection.DEFAULT);
        String outputPath = OutputSection.read(spec.get("output"), name);
        SweepSpec.Limits limits = spec.get("limits").map(LimitsSection::read).orElse(SweepSpec.Limits.DEFAULT);
        List<Integer> batchSizes = spec.get("batch_size").map(n -> BatchSizeSection.read(n, loss))
                .orElse(BatchSizeSection.DEFAULT);
        long size = gridSize(root, limits, losses, optimizers, schedules, batchSizes, learningRates, initialPoints);
        RecordSpec record = spec.get("record").map(n -> RecordSection.read(n, size)).orElse(RecordSpec.DEFAULT);
        SweepSpec.Gates gates = spec.get("gates").map(GatesSection::read).orElse(SweepSpec.Gates.NONE);
        RefineSpec refine = spec.get("refine").map(n -> RefineSection.read(n, learningRates.count(), size))
                .orElse(null);
        RecommendSpec recommend = spec.get("recommend").map(RecommendSection::read).orElse(RecommendSpec.DEFAULT);
        return new SweepSpec(name, losses, optimizers, schedules, batchSizes, learningRates, initialPoints, stopping,
                outputPath, limits, record, gates, refine, recommend);
    }

    /**
     * The model's loss, refused when its weights are more than {@link #MAX_WEIGHTS}; an mlp's count is
     * checked before it is built, since building it allocates buffers as large as its layers.
     */
    private static ModelLoss built(SpecNode lossNode, LossSpec.Model model) {
        SpecNode where = model.kind() == ModelKind.MLP ? lossNode.peek("hidden").orElse(lossNode) : lossNode;
        try {
            if (model.kind() == ModelKind.MLP) {
                checkWeights(where, MlpLoss.parameterCount(model.data().train().featureCount(), model.hidden(),
                        model.data().train().classCount()));
            }
            ModelLoss loss = model.build();
            checkWeights(where, loss.dimension());
            return loss;
        } catch (IllegalArgumentException e) {
            throw where.error(e.getMessage());
        }
    }

    private static void checkWeights(SpecNode where, long weights) {
        if (weights > MAX_WEIGHTS) {
            throw where.error("the model has " + weights + " weights, more than " + MAX_WEIGHTS + ": each run keeps"
                    + " several vectors of them (weights, gradient, optimizer state), " + mib(MAX_WEIGHTS * 8)
                    + " apiece at that size");
        }
    }

    /** {@code name:} letters, digits, '.', '_' or '-'; by default the file's name, or "sweep" when that does not fit. */
    private static String name(Optional<SpecNode> node, String defaultName) {
        if (node.isEmpty()) {
            return NAME.matcher(defaultName).matches() ? defaultName : "sweep";
        }
        String name = node.get().asString();
        if (!NAME.matcher(name).matches()) {
            throw node.get().invalid("must be letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }

    /** The number of runs: the product of the grid's axes, refused when over {@code limits.max_runs}. */
    private static long gridSize(SpecNode root, SweepSpec.Limits limits, LossSettings losses,
            List<OptimizerConfig> optimizers, List<Schedule> schedules, List<Integer> batchSizes,
            LearningRates learningRates, InitialPoints initialPoints) {
        long size;
        try {
            size = Math.multiplyExact(losses.count(),
                    new Grid(optimizers, schedules, batchSizes, learningRates, initialPoints).size());
        } catch (ArithmeticException e) {
            size = Long.MAX_VALUE;
        }
        if (size > limits.maxRuns()) {
            String settings = losses.hasAxes() ? lossSettingsCount(losses) + " loss settings x " : "";
            String configurations = optimizers.size() * schedules.size() == 1 ? ""
                    : optimizers.size() + " optimizer settings x " + schedules.size() + " schedules x ";
            String batches = batchSizes.size() == 1 ? "" : batchSizes.size() + " batch sizes x ";
            throw new SpecException(root.source(), 0, null, "the grid has " + settings + configurations + batches
                    + learningRates.count() + " learning rates x " + initialPoints.count() + " initial points = "
                    + (size == Long.MAX_VALUE ? "more than 2^63" : size) + " runs, more than limits.max_runs = "
                    + limits.maxRuns());
        }
        return size;
    }

    private static String lossSettingsCount(LossSettings losses) {
        try {
            return Long.toString(losses.count());
        } catch (ArithmeticException e) {
            return "more than 2^63";
        }
    }
}
