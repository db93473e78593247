package dev.gdsweep.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class TrajectoriesTest {

    /** The contiguous slices Spark's parallelize cuts a list of n into k: [i·n/k, (i+1)·n/k). */
    private static List<List<Long>> slices(List<Long> ids, int k) {
        List<List<Long>> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            out.add(ids.subList((int) ((long) i * ids.size() / k), (int) ((long) (i + 1) * ids.size() / k)));
        }
        return out;
    }

    @Test
    void dealtIdsGiveEverySliceEveryPartOfTheSelection() {
        List<Long> ids = LongStream.range(0, 64).map(i -> 100 * i).boxed().toList();
        List<Long> dealt = Trajectories.dealt(ids, 8);
        assertThat(dealt).containsExactlyInAnyOrderElementsOf(ids);
        for (List<Long> slice : slices(dealt, 8)) {
            // 8 ids, one from each eighth of the selection (which runs in learning-rate order)
            assertThat(slice).hasSize(8);
            assertThat(slice.stream().map(id -> id / 800).distinct()).hasSize(8);
        }
    }

    @Test
    void unevenCountsKeepEveryIdOnce() {
        List<Long> ids = LongStream.range(0, 10).boxed().toList();
        assertThat(Trajectories.dealt(ids, 4)).containsExactly(0L, 4L, 8L, 1L, 5L, 9L, 2L, 6L, 3L, 7L);
        assertThat(Trajectories.dealt(ids, 1)).isEqualTo(ids);
        assertThat(Trajectories.dealt(ids, 20)).containsExactlyElementsOf(ids);
        assertThat(Trajectories.dealt(List.of(), 3)).isEmpty();
    }
}
