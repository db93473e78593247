package dev.gdsweep.spec;

import dev.gdsweep.loss.model.Activation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code loss:} a model over a data set: {@code model}, {@code data} (see {@link DataSection}),
 * {@code l2} (one value, or several: an axis of the grid), {@code reference}, and for an mlp {@code hidden}, {@code activation} and {@code task}. Reading it loads
 * the data, through the resolver the caller chose.
 */
final class ModelSection {

    private static final List<Activation> ACTIVATIONS = List.of(Activation.TANH, Activation.RELU);

    private ModelSection() {}

    /** The model, with an axis when {@code l2} is several values (the data is loaded once, shared by all). */
    static LossSettings read(SpecNode node, DataResolver resolver) {
        SpecMapping m = node.asMapping("model", "data", "l2", "hidden", "activation", "task", "reference");
        SpecNode modelNode = m.required("model");
        ModelKind kind = ModelKind.byLabel(modelNode.asString()).orElseThrow(() -> modelNode.invalid(
                "unknown model; known: " + String.join(", ", ModelKind.labels())));
        for (String mlpOnly : new String[] {"hidden", "activation", "task"}) {
            if (kind != ModelKind.MLP && m.get(mlpOnly).isPresent()) {
                throw m.get(mlpOnly).get().error("only for model: mlp");
            }
        }
        Optional<SettingValues> l2 = m.get("l2").map(n -> SettingValues.number(n, "l2", SpecNode::nonNegativeFinite));
        int[] hidden = {16};
        Optional<SpecNode> hiddenNode = m.get("hidden");
        if (hiddenNode.isPresent()) {
            List<SpecNode> sizes = hiddenNode.get().asList();
            hidden = new int[sizes.size()];
            for (int i = 0; i < hidden.length; i++) {
                hidden[i] = sizes.get(i).positiveInt();
            }
        }
        Activation activation = m.get("activation").map(n -> n.choice(ACTIVATIONS, ModelSection::label))
                .orElse(Activation.TANH);
        boolean regression = m.get("task").map(n -> n.choice(List.of(false, true), ModelSection::task))
                .orElse(false);
        boolean reference = reference(m);
        SpecNode dataNode = m.required("data");
        DataSpec data = DataSection.read(dataNode, regression || kind == ModelKind.LINEAR_REGRESSION);
        ModelData loaded = resolver.load(data, kind.classifies(regression), dataNode.source(), dataNode.line());
        int classes = loaded.train().classCount();
        if (kind == ModelKind.LOGISTIC_REGRESSION && classes != 2) {
            throw modelNode.error("logistic regression needs 2 classes, but the label '" + data.label() + "' has "
                    + classes + " (" + SpecException.oneLine(String.join(", ", loaded.train().classNames()))
                    + "); use model: softmax_regression");
        }
        LossSpec.Model model = new LossSpec.Model(kind, data, l2.map(v -> v.first()[0]).orElse(0.0), hidden, activation,
                regression, reference, loaded);
        return new LossSettings(model, l2.map(SettingValues::axis).stream().filter(a -> a != null).toList());
    }

    static Map<String, Object> write(LossSpec.Model model) {
        Map<String, Object> loss = new LinkedHashMap<>();
        loss.put("model", model.kind().label());
        loss.put("data", DataSection.write(model.dataSpec()));
        loss.put("l2", model.l2());
        loss.put("reference", referenceLabel(model.reference()));
        if (model.kind() == ModelKind.MLP) {
            List<Object> sizes = new ArrayList<>();
            for (int h : model.hidden()) {
                sizes.add(h);
            }
            loss.put("hidden", sizes);
            loss.put("activation", label(model.activation()));
            loss.put("task", task(model.regression()));
        }
        return loss;
    }

    /**
     * {@code reference: auto | none} (default auto): whether the driver computes the optimum of a convex
     * model's objective (see {@code spark.MllibReference}); any loss takes the key, only those models use it.
     */
    static boolean reference(SpecMapping m) {
        return m.get("reference").map(n -> n.choice(List.of(true, false), ModelSection::referenceLabel)).orElse(true);
    }

    private static String referenceLabel(boolean reference) {
        return reference ? "auto" : "none";
    }

    private static String label(Activation activation) {
        return activation.name().toLowerCase(Locale.ROOT);
    }

    private static String task(boolean regression) {
        return regression ? "regression" : "classification";
    }
}
