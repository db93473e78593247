package dev.gdsweep.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdsweep.data.LocalDataResolver;
import dev.gdsweep.spec.SpecLoader;
import dev.gdsweep.spec.SweepSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Recording the selected runs' paths while a block of runs is computed gives every run the record it has
 * without recording (timing aside: recorded runs leave the lanes and run alone), and each selected run the
 * path a run again with an observer gives ({@link Trajectories#record}), to the bit.
 */
class RecordedPathsTest {

    private static SweepSpec spec(String yaml) {
        return SpecLoader.parse(yaml, "spec.yaml", "r", List.of(), new LocalDataResolver());
    }

    /** Records the spec's own selection, with its stride, over the whole grid, spread as a task takes it. */
    private static void assertRecordedAsARerun(SweepSpec spec) {
        Trajectories.Recording recording = Trajectories.Recording.of(spec);
        List<Long> selected = Trajectories.select(spec.grid(), spec.record());
        long size = spec.grid().size();
        long[] ids = LongStream.range(0, size).map(i -> (i * 37 + 5) % size).toArray();
        assertRecordedAsARerun(spec, ids, selected, recording);
    }

    private static void assertRecordedAsARerun(SweepSpec spec, long[] ids, List<Long> selected,
            Trajectories.Recording recording) {
        List<Trajectories.RecordedPath> paths = new ArrayList<>();
        long[] finished = {0};
        RunRecord[] recorded = new RunComputer(spec, () -> finished[0]++).computeAll(ids, recording, paths::add);
        RunRecord[] plain = new RunComputer(spec).computeAll(ids);

        assertThat(finished[0]).isEqualTo(ids.length);
        for (int i = 0; i < ids.length; i++) {
            assertThat(recorded[i].sameOutcome(plain[i])).as("run " + ids[i]).isTrue();
        }
        Map<Long, Trajectories.RecordedPath> byId = new HashMap<>();
        for (Trajectories.RecordedPath p : paths) {
            assertThat(byId.put(p.runId(), p)).as("one path for run " + p.runId()).isNull();
        }
        List<Long> expectedIds = LongStream.of(ids).boxed().filter(selected::contains).toList();
        assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(expectedIds).isNotEmpty();
        RunComputer again = new RunComputer(spec);
        for (long id : expectedIds) {
            List<Trajectories.Step> rerun = Trajectories.record(again, id, recording.every());
            List<Trajectories.Step> steps = byId.get(id).steps();
            assertThat(steps).as("run " + id).hasSameSizeAs(rerun).isNotEmpty();
            for (int k = 0; k < steps.size(); k++) {
                Trajectories.Step a = steps.get(k);
                Trajectories.Step b = rerun.get(k);
                assertThat(a.runId()).isEqualTo(id);
                assertThat(a.iteration()).isEqualTo(b.iteration());
                assertThat(Double.doubleToRawLongBits(a.loss())).isEqualTo(Double.doubleToRawLongBits(b.loss()));
                assertThat(a.weights()).containsExactly(b.weights());
                assertThat(Double.doubleToRawLongBits(a.gradientNorm()))
                        .isEqualTo(Double.doubleToRawLongBits(b.gradientNorm()));
            }
            RunRecord run = plain[indexOf(ids, id)];
            assertThat(steps.get(steps.size() - 1).iteration()).isEqualTo(run.result().iterations());
            assertThat(steps.get(steps.size() - 1).weights()).containsExactly(run.result().finalWeights());
        }
    }

    private static int indexOf(long[] ids, long id) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == id) {
                return i;
            }
        }
        throw new AssertionError("no run " + id);
    }

    @Test
    void plainGradientDescentInLanes() {
        assertRecordedAsARerun(spec("""
                loss: {function: himmelblau}
                learning_rate: {log: {from: 1.0e-4, to: 0.1, count: 6}}
                initial_weights: {random: {count: 20, min: [-5, -5], max: [5, 5], seed: 4}}
                stopping: {max_iterations: 3000, gradient_tolerance: 1.0e-6}
                record: {trajectories: 24, every: 7}
                """));
    }

    @Test
    void otherOptimizersAndSchedulesInLanes() {
        assertRecordedAsARerun(spec("""
                loss: {function: rosenbrock}
                optimizer: [{name: momentum, momentum: 0.9}, adam]
                schedule: [constant, inverse_sqrt]
                learning_rate: {log: {from: 1.0e-4, to: 0.3, count: 4}}
                initial_weights: {random: {count: 5, min: [-2, -2], max: [2, 2], seed: 3}}
                stopping: {max_iterations: 2000, patience: 20, min_delta: 1.0e-9}
                """));
    }

    @Test
    void aModelLossFullBatchAndMiniBatch() {
        assertRecordedAsARerun(spec("""
                loss:
                  model: softmax_regression
                  data: {path: conf/data/iris.csv, label: species, standardize: true}
                batch_size: [full, 16]
                learning_rate: [0.1, 1.0]
                initial_weights: {random: {count: 3, distribution: normal, scale: 0.1, seed: 2}}
                stopping: {max_iterations: 200}
                record: {trajectories: 8, every: 3}
                """));
    }

    @Test
    void aLogisticModelWithValidationRows() {
        assertRecordedAsARerun(spec("""
                loss:
                  model: logistic_regression
                  data:
                    path: conf/data/penguins.csv
                    label: sex
                    features: [bill_length_mm, bill_depth_mm, flipper_length_mm, body_mass_g]
                    standardize: true
                    validation_fraction: 0.2
                    missing: drop
                learning_rate: {log: {from: 0.01, to: 10, count: 4}}
                initial_weights: {random: {count: 3, distribution: normal, scale: 0.1, seed: 5}}
                stopping: {max_iterations: 300}
                """));
    }

    @Test
    void onlyTheSelectedRunsOfTheBlockAreRecorded() {
        SweepSpec spec = spec("""
                loss: {function: quadratic, params: {diag: [1, 10]}}
                learning_rate: {linear: {from: 0.02, to: 0.3, count: 5}}
                initial_weights: {grid: {min: [-1, -1], max: [1, 1], count: 3}}
                stopping: {max_iterations: 500}
                """);
        List<Long> selected = List.of(2L, 17L, 40L);
        // A block holding two of them, and a block holding none.
        assertRecordedAsARerun(spec, new long[] {17, 3, 40, 9}, selected, new Trajectories.Recording(selected, 1));
        List<Trajectories.RecordedPath> none = new ArrayList<>();
        new RunComputer(spec).computeAll(new long[] {0, 1, 3}, new Trajectories.Recording(selected, 1), none::add);
        assertThat(none).isEmpty();
    }
}
