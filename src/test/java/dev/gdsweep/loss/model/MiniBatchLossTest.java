package dev.gdsweep.loss.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class MiniBatchLossTest {

    /** 10 rows, one feature x = row index, target 2x + 1: linear regression. */
    private static LinearRegressionLoss model() {
        double[] x = new double[10];
        double[] y = new double[10];
        for (int i = 0; i < 10; i++) {
            x[i] = i;
            y[i] = 2 * i + 1;
        }
        return new LinearRegressionLoss(DenseData.regression(x, y, List.of("x")), 0.0);
    }

    /** The rows of the batches a run sees, recovered from the gradient of a one-row-at-a-time probe. */
    private static List<Integer> rowsSeen(MiniBatchLoss loss, int calls) {
        List<Integer> rows = new ArrayList<>();
        double[] g = new double[2];
        for (int c = 0; c < calls; c++) {
            // At w = (0, 0) the residual of row i is −(2i + 1), so ∂/∂b = −mean(2i + 1) over the batch:
            // with batch size 1 that identifies the row.
            loss.valueAndGradient(new double[] {0, 0}, g);
            rows.add((int) Math.round((-g[1] - 1) / 2));
        }
        return rows;
    }

    @Test
    void everyEpochVisitsEveryRowOnceInAShuffledOrder() {
        MiniBatchLoss loss = new MiniBatchLoss(model(), 1, 7);
        loss.start(3);
        List<Integer> seen = rowsSeen(loss, 30);
        for (int epoch = 0; epoch < 3; epoch++) {
            Set<Integer> rows = new HashSet<>(seen.subList(10 * epoch, 10 * epoch + 10));
            assertThat(rows).hasSize(10);
        }
        assertThat(seen.subList(0, 10)).isNotEqualTo(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        assertThat(seen.subList(0, 10)).isNotEqualTo(seen.subList(10, 20));
    }

    @Test
    void aRunsBatchesDependOnlyOnTheSeedAndTheRun() {
        MiniBatchLoss a = new MiniBatchLoss(model(), 1, 7);
        MiniBatchLoss b = new MiniBatchLoss(model(), 1, 7);
        b.start(5);
        rowsSeen(b, 13); // another run in between must not matter
        a.start(3);
        b.start(3);
        assertThat(rowsSeen(b, 25)).isEqualTo(rowsSeen(a, 25));
        MiniBatchLoss other = new MiniBatchLoss(model(), 1, 7);
        other.start(4);
        a.start(3);
        assertThat(rowsSeen(other, 10)).isNotEqualTo(rowsSeen(a, 10));
    }

    @Test
    void aBatchIsTheMeanOverItsRowsAndTheValueIsTheFullLoss() {
        LinearRegressionLoss model = model();
        MiniBatchLoss loss = new MiniBatchLoss(model, 10, 1);
        double[] w = {0.5, -1};
        double[] g = new double[2];
        double[] full = new double[2];
        // A batch of every row is the full loss, whatever the order.
        assertThat(loss.valueAndGradient(w, g)).isCloseTo(model.valueAndGradient(w, full), within(1e-12));
        assertThat(g).containsExactly(full, within(1e-12));
        assertThat(loss.value(w)).isEqualTo(model.value(w));
    }

    @Test
    void leftoverRowsWaitForTheNextEpoch() {
        // 10 rows in batches of 4: two batches per epoch, then a fresh shuffle.
        MiniBatchLoss loss = new MiniBatchLoss(model(), 4, 2);
        double[] g = new double[2];
        for (int i = 0; i < 100; i++) {
            loss.valueAndGradient(new double[] {0, 0}, g);
            assertThat(Double.isFinite(g[0])).isTrue();
        }
        assertThatThrownBy(() -> new MiniBatchLoss(model(), 11, 1))
                .hasMessage("batch size must be from 1 to the 10 training rows, got 11");
    }

    @Test
    @Tag("allocation")
    void batchesAllocateNothing() {
        MiniBatchLoss loss = new MiniBatchLoss(model(), 3, 2);
        double[] w = {0.1, 0.2};
        double[] g = new double[2];
        for (int i = 0; i < 20_000; i++) {
            loss.valueAndGradient(w, g);
        }
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = bean.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < 10_000; i++) {
            loss.valueAndGradient(w, g);
        }
        assertThat(bean.getThreadAllocatedBytes(Thread.currentThread().getId()) - before).isLessThan(8 * 1024);
    }
}
