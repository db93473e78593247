package dev.gdsweep.refine;

import dev.gdsweep.spec.SweepSpec;
import dev.gdsweep.sweep.LocalSweep;
import dev.gdsweep.sweep.RunComputer;
import dev.gdsweep.sweep.RunRecord;
import java.util.ArrayList;
import java.util.List;

/** A refinement run in this thread, every round computed at once: the reference for the Spark rounds. */
final class LocalRefinement {

    final Refinement refinement;
    final List<RunRecord> records = new ArrayList<>();

    private LocalRefinement(Refinement refinement) {
        this.refinement = refinement;
    }

    static LocalRefinement run(SweepSpec spec) {
        LocalRefinement out = new LocalRefinement(new Refinement(spec.grid(), spec.refine()));
        RunComputer computer = new RunComputer(spec);
        for (RunRecord r : LocalSweep.run(spec)) {
            out.records.add(r);
            out.refinement.observe(r.runId(), outcome(r));
        }
        RoundPlan plan;
        while ((plan = out.refinement.nextRound()) != null) {
            long[] ids = new long[plan.runs()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = plan.firstRunId() + i;
            }
            RunRecord[] round = computer.computeRefined(ids, plan.gridIds(), plan.rates(), plan.round());
            for (int i = 0; i < round.length; i++) {
                out.records.add(round[i]);
                out.refinement.observe(plan, i, outcome(round[i]));
            }
        }
        return out;
    }

    static Outcome outcome(RunRecord r) {
        return Outcome.of(r.result().status().name(), r.result().iterations());
    }
}
