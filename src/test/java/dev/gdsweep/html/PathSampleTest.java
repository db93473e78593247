package dev.gdsweep.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PathSampleTest {

    /** The iterations a path recorded with {@code stride} up to {@code last} has: multiples, then last. */
    private static long[] recorded(long stride, long last) {
        return LongStream.concat(LongStream.iterate(0, k -> k < last, k -> k + stride), LongStream.of(last))
                .distinct().toArray();
    }

    @Test
    void aShortPathIsKeptWhole() {
        long[] its = recorded(1, 999);
        PathSample s = PathSample.of(7, its.length, 1, 999, 4000);
        assertThat(LongStream.of(its).filter(s::keeps).count()).isEqualTo(its.length);
    }

    @Test
    void aLongPathKeepsItsHeadDenseItsLastAndAboutTheBudget() {
        long last = 50_000;
        long[] its = recorded(2, last);
        PathSample s = PathSample.of(7, its.length, 2, last, 4000);
        long[] kept = LongStream.of(its).filter(s::keeps).toArray();
        assertThat(kept.length).isBetween(3000, 4002);
        // the first thousand recorded steps, every one
        assertThat(LongStream.of(kept).limit(1000).toArray()).isEqualTo(LongStream.range(0, 1000).map(k -> 2 * k).toArray());
        assertThat(kept[kept.length - 1]).isEqualTo(last);
        // after the head, evenly strided by a multiple of the recording stride
        assertThat(s.keepEvery() % 2).isZero();
        assertThat(kept[1001] - kept[1000]).isEqualTo(s.keepEvery());
    }

    @Test
    void anOddLastIterationIsKept() {
        long[] its = recorded(3, 100_001);
        PathSample s = PathSample.of(1, its.length, 3, 100_001, 100);
        long[] kept = LongStream.of(its).filter(s::keeps).toArray();
        assertThat(kept[kept.length - 1]).isEqualTo(100_001);
        assertThat(kept.length).isBetween(80, 102);
    }
}
