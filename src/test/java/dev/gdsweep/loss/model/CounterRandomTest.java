package dev.gdsweep.loss.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CounterRandomTest {

    /** Values of an independent implementation of the documented fold chain (Python, 64-bit masked). */
    @Test
    void drawsArePinned() {
        assertThat(CounterRandom.bits(CounterRandom.SPLIT, 42, 9, 0)).isEqualTo(0xc77b357327baa4d7L);
        assertThat(CounterRandom.uniform(CounterRandom.MLP_INIT, 7, 3, 1)).isEqualTo(0.12956520461996457);
    }

    /**
     * below(bound) is uniform. Bound 7 over 70,000 streams: each count 10,000 ± 400 (4 standard
     * deviations of 93). Bound b = 1.5·2³⁰ exposes the two classic biases: r mod b puts 3/4 of the
     * draws below 2³⁰ instead of 2/3, and the multiply-high without rejection gives the values
     * k ≡ 2 (mod 3) probability 1/4 instead of 1/3 (the product r·b/2³² = 0.375·r gives them 2
     * preimages out of every 8 draws); 20,000 draws measure each fraction to ± 0.015 (4.5 standard
     * deviations of 0.0033).
     */
    @Test
    void belowIsUniformAndInRange() {
        int[] counts = new int[7];
        for (long stream = 0; stream < 70_000; stream++) {
            counts[CounterRandom.below(CounterRandom.SPLIT, 1, stream, 7)]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(9_600, 10_400);
        }
        int awkward = 3 << 29;
        int draws = 20_000;
        int low = 0;
        int twoModThree = 0;
        for (long stream = 0; stream < draws; stream++) {
            int k = CounterRandom.below(CounterRandom.SPLIT, 2, stream, awkward);
            low += k < (1 << 30) ? 1 : 0;
            twoModThree += k % 3 == 2 ? 1 : 0;
        }
        assertThat((double) low / draws).isCloseTo(2.0 / 3, within(0.015));
        assertThat((double) twoModThree / draws).isCloseTo(1.0 / 3, within(0.015));
        for (int bound : new int[] {1, 2, 3, (1 << 30) + 1, Integer.MAX_VALUE}) {
            for (long stream = 0; stream < 1_000; stream++) {
                assertThat(CounterRandom.below(CounterRandom.SPLIT, 5, stream, bound)).isBetween(0, bound - 1);
            }
        }
        assertThatThrownBy(() -> CounterRandom.below(CounterRandom.SPLIT, 1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
