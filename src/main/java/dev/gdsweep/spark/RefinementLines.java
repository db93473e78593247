package dev.gdsweep.spark;

import dev.gdsweep.grid.Grid;
import dev.gdsweep.refine.ConfigurationResult;
import dev.gdsweep.refine.Refinement;
import dev.gdsweep.refine.StartResult;
import dev.gdsweep.report.RefinementReport;
import dev.gdsweep.report.SummaryRow;
import dev.gdsweep.report.SweepReport;
import dev.gdsweep.spec.SweepSpec;
import java.util.ArrayList;
import java.util.List;

/** The refinement's results as the console and the page show them, each configuration beside its 2/λ_max. */
final class RefinementLines {

    private RefinementLines() {}

    static RefinementReport of(Refinement refinement, SweepSpec spec, List<SummaryRow> summary) {
        Grid grid = spec.grid();
        boolean severalSettings = grid.lossSettings() > 1;
        List<StartResult> starts = refinement.startResults();
        List<RefinementReport.Configuration> lines = new ArrayList<>();
        for (ConfigurationResult c : refinement.configurationResults()) {
            long id = c.gridRunId();
            String lossConfig = spec.losses().get(grid.lossSettingIndex(id)).config();
            String optimizer = grid.optimizer(id).label();
            String schedule = grid.schedule(id).label();
            int batch = grid.batchSize(id);
            long bracketed = 0;
            long pinned = 0;
            for (StartResult s : starts) {
                if (s.configuration() == c.configuration() && s.boundaryLo() != null) {
                    bracketed++;
                    pinned += s.boundaryNote() == null ? 1 : 0;
                }
            }
            Double critical = summary.stream()
                    .filter(r -> r.lossConfig().equals(lossConfig) && r.optimizerConfig().equals(optimizer)
                            && r.schedule().equals(schedule) && r.batchSize() == batch)
                    .map(SummaryRow::medianCriticalRate).filter(java.util.Objects::nonNull).findFirst().orElse(null);
            lines.add(new RefinementReport.Configuration(
                    (severalSettings ? lossConfig + ", " : "") + SweepReport.consoleLabel(optimizer, schedule, batch),
                    c.starts(), bracketed, pinned, c.everyStartRate(), c.rate90(), c.rate50(), c.fastestMedianRate(),
                    c.fastestMedianIterations(), critical));
        }
        return new RefinementReport(refinement.rounds(), refinement.runs(), refinement.stoppedBy(), lines);
    }
}
