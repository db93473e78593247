package dev.gdsweep.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

/** The stopping rule in {@link StoppingRule}'s order, asked directly, slot by slot. */
class StopCheckTest {

    private static final double[] W = {1, 2};

    private static StopReason ask(StopCheck check, int run, long k, double value, double[] g) {
        check.measure(run, W, g);
        return check.reason(run, k, value);
    }

    @Test
    void divergenceComesFirstThenTheGradientThenTheCap() {
        StopCheck check = new StopCheck(new StoppingRule(10, 0.5, 0, 0.0, 100), 1);
        check.start(0);
        double[] small = {0.3, 0.0};

        assertThat(ask(check, 0, 10, 101, small)).isEqualTo(StopReason.DIVERGED);
        assertThat(ask(check, 0, 10, Double.NaN, new double[] {1, 1})).isEqualTo(StopReason.DIVERGED);
        assertThat(ask(check, 0, 3, 1, new double[] {Double.POSITIVE_INFINITY, 0})).isEqualTo(StopReason.DIVERGED);
        assertThat(ask(check, 0, 10, 1, small)).isEqualTo(StopReason.GRADIENT_TOLERANCE);
        assertThat(ask(check, 0, 10, 1, new double[] {3, 4})).isEqualTo(StopReason.MAX_ITERATIONS);
        assertThat(check.norm(0)).isEqualTo(5.0);
        assertThat(ask(check, 0, 9, 1, new double[] {3, 4})).isNull();
    }

    @Test
    void patienceCountsIterationsWithoutAnImprovementOfMoreThanMinDelta() {
        StopCheck check = new StopCheck(new StoppingRule(1000, 0.0, 2, 0.1, 1e12), 2);
        check.start(0);
        check.start(1);
        double[] g = {1, 0};

        assertThat(ask(check, 0, 0, 5.0, g)).isNull(); // best 5
        assertThat(ask(check, 0, 1, 4.95, g)).isNull(); // not by more than 0.1: 1 without
        assertThat(ask(check, 1, 0, 5.0, g)).isNull(); // the other slot keeps its own count
        assertThat(ask(check, 0, 2, 4.8, g)).isNull(); // improved: best 4.8, count 0
        assertThat(ask(check, 0, 3, 4.8, g)).isNull();
        assertThat(ask(check, 0, 4, 4.75, g)).isEqualTo(StopReason.NO_IMPROVEMENT);
        check.start(0);
        assertThat(ask(check, 0, 0, 4.75, g)).isNull();
    }

    @Test
    void theNormIsComputedScaledWhenItsSquaresOverflowOrUnderflow() {
        StopCheck check = new StopCheck(new StoppingRule(10, 0.0, 0, 0.0, Double.POSITIVE_INFINITY), 1);
        check.start(0);

        check.measure(0, W, new double[] {3e200, 4e200});
        assertThat(check.norm(0)).isCloseTo(5e200, withinPercentage(1e-12));
        check.measure(0, W, new double[] {3e-200, 4e-200});
        assertThat(check.norm(0)).isCloseTo(5e-200, withinPercentage(1e-12));
    }

    @Test
    void theLimitsAreDueAtTheCapOrEvery256IterationsWhenTimed() {
        assertThat(new StopCheck(new StoppingRule(1000, 0.0, 0, 0.0, 1e12), 1).nextLimit(3)).isEqualTo(1000);
        StopCheck timed = new StopCheck(new StoppingRule(1000, 0.0, 0, 0.0, 1e12, 60), 1);
        assertThat(timed.nextLimit(3)).isEqualTo(255);
        assertThat(timed.nextLimit(256)).isEqualTo(511);
        assertThat(timed.nextLimit(990)).isEqualTo(1000);
    }
}
