package dev.gdsweep.html;

import dev.gdsweep.report.SeaLevel;
import dev.gdsweep.report.Recommendation;
import dev.gdsweep.report.SummaryRow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Everything the HTML report shows, read from a finished sweep. Plain data: lists and arrays are
 * copied on the way in (and arrays on the way out); null lists, maps and strings become empty.
 *
 * @param sweepName the sweep's name, as in the spec
 * @param lossName the loss function's name (e.g. {@code himmelblau})
 * @param dimension the number of weights
 * @param domainMin lower corner of the box of initial weights (used for the 2-D maps); may be null, then
 *     the box is taken from the runs' initial weights
 * @param domainMax upper corner of that box; may be null
 * @param minima the loss's known minima; {@link RunPoint#minimum()} indexes this list
 * @param lossEvaluator the loss, for the 2-D contour maps; may be null (no contour maps are drawn)
 * @param summary one row per configuration and learning rate, in grid order
 * @param runs one point per run (the pictures sample them when there are many)
 * @param trajectories the recorded runs: run id to its steps in iteration order
 * @param specYaml the resolved spec
 * @param stability rows of the stability table, one per configuration: a summary row of it (the stability
 *     columns are the same on each); empty when there is none
 * @param settingLabel for a sweep with a loss axis, what its settings are drawn against ("b", or "loss setting")
 * @param settingStability for a sweep with a loss axis, the stability boundary of each loss setting and
 *     configuration; empty otherwise (then every loss setting is a configuration of its own in the rest)
 * @param refinement what the refinement of the learning-rate axis found; null for a sweep that did not refine
 * @param seaLevels a convex model's reference optima, one per loss setting; empty otherwise
 * @param recommendations the recommended learning rate of each configuration, with its evidence; empty when
 *     not computed
 * @param modelRates a model sweep's train and validation loss and accuracy per configuration and rate (medians);
 *     empty for other losses
 */
public record ReportData(
        String sweepName,
        String lossName,
        int dimension,
        double[] domainMin,
        double[] domainMax,
        List<KnownMinimum> minima,
        ToDoubleFunction<double[]> lossEvaluator,
        List<SummaryRow> summary,
        List<RunPoint> runs,
        Map<Long, List<TrajectoryStep>> trajectories,
        String specYaml,
        List<SummaryRow> stability,
        String settingLabel,
        List<SettingStability> settingStability,
        RefinementData refinement,
        List<SeaLevel> seaLevels,
        List<Recommendation> recommendations,
        List<ModelRate> modelRates) {

    /** A sweep without model metrics. */
    public ReportData(String sweepName, String lossName, int dimension, double[] domainMin, double[] domainMax,
            List<KnownMinimum> minima, ToDoubleFunction<double[]> lossEvaluator, List<SummaryRow> summary,
            List<RunPoint> runs, Map<Long, List<TrajectoryStep>> trajectories, String specYaml,
            List<SummaryRow> stability, String settingLabel, List<SettingStability> settingStability,
            RefinementData refinement, List<SeaLevel> seaLevels, List<Recommendation> recommendations) {
        this(sweepName, lossName, dimension, domainMin, domainMax, minima, lossEvaluator, summary, runs, trajectories,
                specYaml, stability, settingLabel, settingStability, refinement, seaLevels, recommendations, List.of());
    }

    /** A sweep that neither refined its learning-rate axis nor has reference optima or recommendations. */
    public ReportData(String sweepName, String lossName, int dimension, double[] domainMin, double[] domainMax,
            List<KnownMinimum> minima, ToDoubleFunction<double[]> lossEvaluator, List<SummaryRow> summary,
            List<RunPoint> runs, Map<Long, List<TrajectoryStep>> trajectories, String specYaml,
            List<SummaryRow> stability, String settingLabel, List<SettingStability> settingStability) {
        this(sweepName, lossName, dimension, domainMin, domainMax, minima, lossEvaluator, summary, runs, trajectories,
                specYaml, stability, settingLabel, settingStability, null, List.of(), List.of());
    }

    /** A sweep without a loss axis. */
    public ReportData(String sweepName, String lossName, int dimension, double[] domainMin, double[] domainMax,
            List<KnownMinimum> minima, ToDoubleFunction<double[]> lossEvaluator, List<SummaryRow> summary,
            List<RunPoint> runs, Map<Long, List<TrajectoryStep>> trajectories, String specYaml,
            List<SummaryRow> stability) {
        this(sweepName, lossName, dimension, domainMin, domainMax, minima, lossEvaluator, summary, runs, trajectories,
                specYaml, stability, "", List.of(), null, List.of(), List.of());
    }

    public ReportData {
        sweepName = sweepName == null ? "" : sweepName;
        lossName = lossName == null ? "" : lossName;
        domainMin = domainMin == null ? null : domainMin.clone();
        domainMax = domainMax == null ? null : domainMax.clone();
        minima = copy(minima);
        summary = copy(summary);
        runs = copy(runs);
        Map<Long, List<TrajectoryStep>> t = new LinkedHashMap<>();
        if (trajectories != null) {
            trajectories.forEach((id, steps) -> t.put(id, copy(steps)));
        }
        trajectories = Collections.unmodifiableMap(t);
        specYaml = specYaml == null ? "" : specYaml;
        stability = copy(stability);
        settingLabel = settingLabel == null ? "" : settingLabel;
        settingStability = copy(settingStability);
        seaLevels = copy(seaLevels);
        recommendations = copy(recommendations);
        modelRates = copy(modelRates);
    }

    /**
     * The certified sea level of a configuration as the pictures name it: the one reference of a sweep with
     * one loss setting, else the one whose setting heads the name ("logistic_regression(l2=0), gd, constant").
     */
    public Optional<SeaLevel> seaLevel(String configuration) {
        List<SeaLevel> certified = seaLevels.stream().filter(SeaLevel::certified).toList();
        if (seaLevels.size() == 1) {
            return certified.stream().findFirst();
        }
        return certified.stream().filter(s -> configuration.startsWith(s.lossConfig() + ", ")).findFirst();
    }

    /** This data with what the refinement found. */
    public ReportData withRefinement(RefinementData found) {
        return new ReportData(sweepName, lossName, dimension, domainMin, domainMax, minima, lossEvaluator, summary,
                runs, trajectories, specYaml, stability, settingLabel, settingStability, found, seaLevels,
                recommendations, modelRates);
    }

    /** This data with a model sweep's metrics per configuration and rate. */
    public ReportData withModelRates(List<ModelRate> rates) {
        return new ReportData(sweepName, lossName, dimension, domainMin, domainMax, minima, lossEvaluator, summary,
                runs, trajectories, specYaml, stability, settingLabel, settingStability, refinement, seaLevels,
                recommendations, rates);
    }

    @Override
    public double[] domainMin() {
        return domainMin == null ? null : domainMin.clone();
    }

    @Override
    public double[] domainMax() {
        return domainMax == null ? null : domainMax.clone();
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
