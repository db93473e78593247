package dev.gdsweep.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gdsweep.optim.Optimizer;
import dev.gdsweep.optim.OptimizerConfig;
import dev.gdsweep.optim.Schedule;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class GridTest {

    // ---------------------------------------------------------------- LearningRates

    @ParameterizedTest
    @CsvSource({"1e-4, 1, 9", "0.001, 0.5, 50", "1e-8, 10, 1000", "0.3, 0.3, 5", "2, 3, 2", "1e-300, 1e300, 777"})
    void logRangeHasExactEndsAndConstantRatio(double from, double to, int count) {
        LearningRates lr = LearningRates.log(from, to, count);
        assertThat(lr.count()).isEqualTo(count);
        // The ends are promised exactly: a sweep's best lr is often reported as "to".
        assertThat(lr.get(0)).isEqualTo(from);
        assertThat(lr.get(count - 1)).isEqualTo(to);
        double ratio = Math.pow(to / from, 1.0 / (count - 1));
        for (int i = 1; i + 1 < count; i++) {
            // The geometric point, rounded to 6 significant digits: 5e-6 relative at most (exp of a log adds ≲ 2e-13).
            double exact = from * Math.pow(ratio, i);
            assertThat(lr.get(i)).as("value %d", i).isCloseTo(exact, within(5.000001e-6 * exact));
            assertThat(lr.get(i)).as("value %d", i).isGreaterThanOrEqualTo(lr.get(i - 1));
        }
    }

    @ParameterizedTest
    @CsvSource({"1e-4, 1, 9", "0.01, 0.7, 1000", "0.5, 0.5, 3", "0.1, 0.2, 2"})
    void linearRangeHasExactEndsAndConstantSteps(double from, double to, int count) {
        LearningRates lr = LearningRates.linear(from, to, count);
        assertThat(lr.get(0)).isEqualTo(from);
        assertThat(lr.get(count - 1)).isEqualTo(to);
        double step = (to - from) / (count - 1);
        for (int i = 1; i + 1 < count; i++) {
            // The even point, rounded to 6 significant digits (or more, far below a step).
            double exact = from + i * step;
            assertThat(lr.get(i)).as("value %d", i).isCloseTo(exact, within(5.000001e-6 * exact));
            assertThat(lr.get(i) - lr.get(i - 1)).as("step at %d", i).isCloseTo(step, within(1e-3 * step));
        }
    }

    @Test
    void countOneIsJustFrom() {
        assertThat(LearningRates.log(0.01, 1, 1).get(0)).isEqualTo(0.01);
        assertThat(LearningRates.linear(0.01, 1, 1).get(0)).isEqualTo(0.01);
        assertThat(LearningRates.log(0.01, 1, 1).count()).isEqualTo(1);
    }

    @Test
    void explicitValuesKeepTheirOrder() {
        double[] given = {0.5, 0.1, 0.3, 0.1};
        LearningRates lr = LearningRates.values(given);
        given[0] = 99; // a defensive copy: later edits by the caller must not leak in
        assertThat(lr.count()).isEqualTo(4);
        assertThat(new double[] {lr.get(0), lr.get(1), lr.get(2), lr.get(3)}).containsExactly(0.5, 0.1, 0.3, 0.1);
        assertThat(lr.values()).containsExactly(0.5, 0.1, 0.3, 0.1);
        assertThat(lr.spacing()).isEqualTo(LearningRates.Spacing.VALUES);
    }

    @Test
    void indexOutsideTheAxisThrows() {
        LearningRates lr = LearningRates.log(0.01, 1, 5);
        assertThatThrownBy(() -> lr.get(5)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> lr.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    static Stream<Arguments> badLearningRates() {
        double inf = Double.POSITIVE_INFINITY;
        double nan = Double.NaN;
        return Stream.of(
                Arguments.of("linear from > to", (Supplier<?>) () -> LearningRates.linear(1, 0.5, 3)),
                Arguments.of("log from > to", (Supplier<?>) () -> LearningRates.log(1, 0.5, 3)),
                // With count 1 "to" is unused, but a reversed range is still a spec mistake.
                Arguments.of("linear from > to, count 1", (Supplier<?>) () -> LearningRates.linear(1, 0.5, 1)),
                Arguments.of("log from > to, count 1", (Supplier<?>) () -> LearningRates.log(1, 0.5, 1)),
                Arguments.of("linear count 0", (Supplier<?>) () -> LearningRates.linear(0.1, 1, 0)),
                Arguments.of("log count 0", (Supplier<?>) () -> LearningRates.log(0.1, 1, 0)),
                Arguments.of("linear from 0", (Supplier<?>) () -> LearningRates.linear(0, 1, 3)),
                Arguments.of("linear negative", (Supplier<?>) () -> LearningRates.linear(-1, 1, 3)),
                Arguments.of("log from 0", (Supplier<?>) () -> LearningRates.log(0, 1, 3)),
                Arguments.of("linear to infinite", (Supplier<?>) () -> LearningRates.linear(0.1, inf, 3)),
                Arguments.of("log to infinite", (Supplier<?>) () -> LearningRates.log(0.1, inf, 3)),
                Arguments.of("linear from NaN", (Supplier<?>) () -> LearningRates.linear(nan, 1, 3)),
                Arguments.of("log to NaN", (Supplier<?>) () -> LearningRates.log(0.1, nan, 3)),
                Arguments.of("values empty", (Supplier<?>) () -> LearningRates.values(new double[0])),
                Arguments.of("values 0", (Supplier<?>) () -> LearningRates.values(0.1, 0)),
                Arguments.of("values negative", (Supplier<?>) () -> LearningRates.values(-0.1)),
                Arguments.of("values infinite", (Supplier<?>) () -> LearningRates.values(0.1, inf)),
                Arguments.of("values NaN", (Supplier<?>) () -> LearningRates.values(nan)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLearningRates")
    void invalidLearningRatesAreRejected(String label, Supplier<?> make) {
        assertThatThrownBy(make::get).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- Lattice

    /** Evenly spaced value k of c in [lo, hi], endpoints exact. */
    private static double expectedCoordinate(double lo, double hi, int c, int k) {
        return c == 1 ? lo : lo + (hi - lo) * k / (c - 1);
    }

    @Test
    void latticeOrderIsMixedRadixWithTheLastCoordinateFastest() {
        // Awkward decimals, so an endpoint computed as lo + (hi - lo)·k/(c-1) could miss by an ulp.
        double[] min = {0.1, -0.3, 2.2};
        double[] max = {0.7, 0.9, 5.1};
        int[] counts = {3, 7, 4};
        Lattice lattice = new Lattice(min, max, counts);
        assertThat(lattice.count()).isEqualTo(3 * 7 * 4);
        assertThat(lattice.dimension()).isEqualTo(3);

        double[] out = new double[3];
        lattice.fill(0, out);
        assertThat(out).containsExactly(min);
        lattice.fill(1, out); // only the last coordinate moves
        assertThat(out[0]).isEqualTo(min[0]);
        assertThat(out[1]).isEqualTo(min[1]);
        assertThat(out[2]).isCloseTo(expectedCoordinate(2.2, 5.1, 4, 1), within(1e-15));
        lattice.fill(counts[2], out); // the last coordinate wraps, the middle one steps
        assertThat(out[0]).isEqualTo(min[0]);
        assertThat(out[1]).isCloseTo(expectedCoordinate(-0.3, 0.9, 7, 1), within(1e-15));
        assertThat(out[2]).isEqualTo(min[2]);
        lattice.fill(lattice.count() - 1, out);
        assertThat(out).containsExactly(max); // endpoints exactly, not to an ulp

        // Every index: decode mixed-radix by hand and compare.
        Set<String> seen = new HashSet<>();
        for (long i = 0; i < lattice.count(); i++) {
            lattice.fill(i, out);
            long rest = i;
            for (int j = 2; j >= 0; j--) {
                int k = (int) (rest % counts[j]);
                rest /= counts[j];
                if (k == 0) {
                    assertThat(out[j]).isEqualTo(min[j]);
                } else if (k == counts[j] - 1) {
                    assertThat(out[j]).isEqualTo(max[j]);
                } else {
                    assertThat(out[j]).isCloseTo(expectedCoordinate(min[j], max[j], counts[j], k), within(1e-15));
                }
                assertThat(out[j]).isBetween(min[j], max[j]);
            }
            assertThat(seen.add(Arrays.toString(out))).as("point %d repeats", i).isTrue();
        }
    }

    @Test
    void latticeCountOneGivesMin() {
        Lattice single = new Lattice(new double[] {-2, 5}, new double[] {3, 9}, new int[] {1, 1});
        assertThat(single.count()).isEqualTo(1);
        double[] out = new double[2];
        single.fill(0, out);
        assertThat(out).containsExactly(-2, 5);

        Lattice mixed = new Lattice(new double[] {-2, 0}, new double[] {3, 1}, new int[] {1, 3});
        mixed.fill(2, out);
        assertThat(out).containsExactly(-2, 1);
    }

    @Test
    void latticeRejectsBadShapes() {
        assertThatThrownBy(() -> new Lattice(new double[] {0}, new double[] {1}, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Lattice(new double[] {1}, new double[] {0}, new int[] {2}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Lattice(new double[] {Double.NaN}, new double[] {0}, new int[] {2}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Lattice(new double[] {0, 0}, new double[] {1}, new int[] {2}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Lattice(new double[0], new double[0], new int[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- RandomPoints

    private static final double[] BOX_MIN = {-5, 0, 100, -1e-3};
    private static final double[] BOX_MAX = {5, 1e-3, 100, 7};

    private static double[] point(RandomPoints points, long i) {
        double[] out = new double[points.dimension()];
        points.fill(i, out);
        return out;
    }

    @Test
    void randomPointDependsOnlyOnSeedAndIndex() {
        RandomPoints a = new RandomPoints(1_000_000, BOX_MIN, BOX_MAX, 42);
        RandomPoints b = new RandomPoints(1_000_000, BOX_MIN, BOX_MAX, 42);
        double[][] forward = new double[200][];
        for (int i = 0; i < 200; i++) {
            forward[i] = point(a, i);
        }
        // Again, backwards, on a fresh instance, with far-away indexes computed in between.
        for (int i = 199; i >= 0; i--) {
            point(b, 999_999 - i);
            assertThat(point(b, i)).as("point %d", i).containsExactly(forward[i]);
            assertThat(point(a, i)).as("point %d", i).containsExactly(forward[i]);
        }
    }

    @ParameterizedTest
    @CsvSource({"1, 2", "0, -1", "42, 43", "0, " + Long.MIN_VALUE})
    void differentSeedsGiveDifferentPoints(long seed1, long seed2) {
        RandomPoints a = new RandomPoints(1000, BOX_MIN, BOX_MAX, seed1);
        RandomPoints b = new RandomPoints(1000, BOX_MIN, BOX_MAX, seed2);
        for (int i = 0; i < 1000; i++) {
            double[] p = point(a, i);
            double[] q = point(b, i);
            for (int j : new int[] {0, 1, 3}) { // coordinate 2 is the degenerate [100, 100]
                assertThat(p[j]).as("point %d coordinate %d", i, j).isNotEqualTo(q[j]);
            }
        }
    }

    @Test
    void randomPointsAreUniformInTheBoxAndUncorrelated() {
        int count = 20_000;
        RandomPoints points = new RandomPoints(count, BOX_MIN, BOX_MAX, 20240607L);
        double[][] xs = new double[count][];
        for (int i = 0; i < count; i++) {
            xs[i] = point(points, i);
            for (int j = 0; j < BOX_MIN.length; j++) {
                assertThat(xs[i][j]).isBetween(BOX_MIN[j], BOX_MAX[j]);
            }
        }
        for (int j : new int[] {0, 1, 3}) {
            double width = BOX_MAX[j] - BOX_MIN[j];
            double sum = 0;
            for (double[] x : xs) {
                sum += x[j];
            }
            // Std of the mean is width/√(12·20000) ≈ 0.002·width; 0.02·width is 10 sigma.
            assertThat(sum / count).as("mean of coordinate %d", j)
                    .isCloseTo((BOX_MIN[j] + BOX_MAX[j]) / 2, within(0.02 * width));
        }
        // A zero-width coordinate is exactly its bound, never an ulp off.
        for (double[] x : xs) {
            assertThat(x[2]).isEqualTo(100.0);
        }
        // Std of a sample correlation is ≈ 1/√20000 ≈ 0.007; 0.05 is 7 sigma.
        // Coordinate 2 is the degenerate [100, 100], so pair up 0, 1 and 3.
        int[][] pairs = {{0, 1}, {1, 3}, {3, 0}};
        for (int[] pair : pairs) {
            int j = pair[0];
            int k = pair[1];
            assertThat(correlation(count - 1, i -> xs[i][j], i -> xs[i + 1][j]))
                    .as("lag-1 correlation of coordinate %d", j).isBetween(-0.05, 0.05);
            assertThat(correlation(count - 1, i -> xs[i][j], i -> xs[i + 1][k]))
                    .as("coordinate %d against the next point's %d", j, k).isBetween(-0.05, 0.05);
            assertThat(correlation(count, i -> xs[i][j], i -> xs[i][k]))
                    .as("coordinates %d and %d of one point", j, k).isBetween(-0.05, 0.05);
        }
        // Ten equal bins per coordinate: 2000 expected each, std ≈ 42; ±10% is ~5 sigma.
        for (int j : new int[] {0, 1, 3}) {
            int[] bins = new int[10];
            for (double[] x : xs) {
                bins[Math.min(9, (int) ((x[j] - BOX_MIN[j]) / (BOX_MAX[j] - BOX_MIN[j]) * 10))]++;
            }
            for (int b : bins) {
                assertThat(b).as("bins of coordinate %d: %s", j, Arrays.toString(bins)).isBetween(1800, 2200);
            }
        }
    }

    @Test
    void sameIndexUnderDifferentSeedsIsUncorrelated() {
        // A seed change must not just shift or mirror the stream.
        int count = 20_000;
        RandomPoints a = new RandomPoints(count, new double[] {0}, new double[] {1}, 7);
        RandomPoints b = new RandomPoints(count, new double[] {0}, new double[] {1}, 8);
        double[] x = new double[count];
        double[] y = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = point(a, i)[0];
            y[i] = point(b, i)[0];
        }
        assertThat(correlation(count, i -> x[i], i -> y[i])).isBetween(-0.05, 0.05);
    }

    @Test
    void hugeIndexesWork() {
        RandomPoints points = new RandomPoints(Long.MAX_VALUE, BOX_MIN, BOX_MAX, 3);
        double[] p = point(points, Long.MAX_VALUE - 1);
        for (int j = 0; j < p.length; j++) {
            assertThat(p[j]).isBetween(BOX_MIN[j], BOX_MAX[j]);
        }
    }

    @Test
    void seededUniformIsInTheUnitInterval() {
        for (long i = 0; i < 10_000; i++) {
            assertThat(SeededUniform.at(i * 31, i, (int) (i % 5))).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
        }
    }

    private static double correlation(int n, java.util.function.IntToDoubleFunction x,
            java.util.function.IntToDoubleFunction y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x.applyAsDouble(i);
            my += y.applyAsDouble(i);
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x.applyAsDouble(i) - mx;
            double dy = y.applyAsDouble(i) - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    // ---------------------------------------------------------------- Grid

    @Test
    void gridIsLearningRateMajor() {
        LearningRates lrs = LearningRates.log(1e-3, 1, 7);
        double[][] listed = {{0, 1}, {2, 3}, {4, 5}, {6, 7}, {8, 9}};
        Grid grid = new Grid(lrs, new ListedPoints(listed));
        assertThat(grid.size()).isEqualTo(35);
        assertThat(grid.dimension()).isEqualTo(2);
        double[] w = new double[2];
        for (long id = 0; id < grid.size(); id++) {
            assertThat(grid.learningRateIndex(id)).isEqualTo((int) (id / 5));
            assertThat(grid.initialPointIndex(id)).isEqualTo(id % 5);
            assertThat(grid.learningRate(id)).isEqualTo(lrs.get((int) (id / 5)));
            grid.initialWeights(id, w);
            assertThat(w).containsExactly(listed[(int) (id % 5)]);
        }
    }

    @Test
    void optimizerAndScheduleAxesAreSlowestThenLearningRateThenPoint() {
        // Axes slowest first: optimizer, schedule, learning rate, initial point (mixed radix).
        List<OptimizerConfig> optimizers = List.of(OptimizerConfig.PLAIN, OptimizerConfig.defaults(Optimizer.ADAM));
        List<Schedule> schedules = List.of(Schedule.CONSTANT, Schedule.INVERSE_SQRT, Schedule.exponential(0.9));
        LearningRates lrs = LearningRates.linear(0.1, 0.4, 4);
        double[][] listed = {{0}, {1}, {2}, {3}, {4}};
        Grid grid = new Grid(optimizers, schedules, lrs, new ListedPoints(listed));
        assertThat(grid.configurations()).isEqualTo(6);
        assertThat(grid.size()).isEqualTo(2 * 3 * 4 * 5);
        double[] w = new double[1];
        Set<String> seen = new HashSet<>();
        for (long id = 0; id < grid.size(); id++) {
            long rest = id;
            int point = (int) (rest % 5);
            rest /= 5;
            int lr = (int) (rest % 4);
            rest /= 4;
            int schedule = (int) (rest % 3);
            int optimizer = (int) (rest / 3);
            assertThat(grid.initialPointIndex(id)).isEqualTo(point);
            assertThat(grid.learningRateIndex(id)).isEqualTo(lr);
            assertThat(grid.scheduleIndex(id)).isEqualTo(schedule);
            assertThat(grid.optimizerIndex(id)).isEqualTo(optimizer);
            assertThat(grid.optimizer(id)).isEqualTo(optimizers.get(optimizer));
            assertThat(grid.schedule(id)).isEqualTo(schedules.get(schedule));
            assertThat(grid.learningRate(id)).isEqualTo(lrs.get(lr));
            grid.initialWeights(id, w);
            assertThat(w).containsExactly(listed[point]);
            assertThat(seen.add(optimizer + "/" + schedule + "/" + lr + "/" + point)).isTrue();
        }
    }

    @Test
    void billionConfigurationsAreAddressedWithoutBuildingThem() {
        // 1000 lrs × a 1000×1000 lattice = 10⁹ runs: a grid that built its configurations would run out
        // of memory here; decoding by index needs none.
        LearningRates lrs = LearningRates.log(1e-6, 1, 1000);
        Grid grid = new Grid(lrs, new Lattice(new double[] {-1, -2}, new double[] {1, 2}, new int[] {1000, 1000}));
        assertThat(grid.size()).isEqualTo(1_000_000_000L);
        long last = grid.size() - 1;
        assertThat(grid.learningRateIndex(last)).isEqualTo(999);
        assertThat(grid.initialPointIndex(last)).isEqualTo(999_999L);
        assertThat(grid.learningRate(last)).isEqualTo(1.0);
        double[] w = new double[2];
        grid.initialWeights(last, w);
        assertThat(w).containsExactly(1, 2);
        // The first run of the second learning rate starts over at the lattice's corner.
        assertThat(grid.learningRateIndex(1_000_000)).isEqualTo(1);
        grid.initialWeights(1_000_000, w);
        assertThat(w).containsExactly(-1, -2);
    }

    @Test
    void gridBeyondIntRangeDecodesWithLongArithmetic() {
        Grid grid = new Grid(LearningRates.linear(0.1, 1, 1000),
                new RandomPoints(10_000_000_000L, new double[] {0}, new double[] {1}, 1));
        assertThat(grid.size()).isEqualTo(10_000_000_000_000L);
        long last = grid.size() - 1;
        assertThat(grid.learningRateIndex(last)).isEqualTo(999);
        assertThat(grid.initialPointIndex(last)).isEqualTo(9_999_999_999L);
        assertThat(grid.learningRate(last)).isEqualTo(1.0);
    }

    @Test
    void gridSizeOverflowThrows() {
        Grid grid = new Grid(LearningRates.linear(0.1, 1, 3),
                new RandomPoints(Long.MAX_VALUE / 2, new double[] {0}, new double[] {1}, 1));
        assertThatThrownBy(grid::size).isInstanceOf(ArithmeticException.class);
        // Fits as lr × points, overflows only once the 2 × 2 configurations multiply in.
        Grid configured = new Grid(List.of(OptimizerConfig.PLAIN, OptimizerConfig.defaults(Optimizer.ADAM)),
                List.of(Schedule.CONSTANT, Schedule.INVERSE_SQRT), LearningRates.linear(0.1, 1, 1),
                new RandomPoints(Long.MAX_VALUE / 3, new double[] {0}, new double[] {1}, 1));
        assertThatThrownBy(configured::size).isInstanceOf(ArithmeticException.class);
    }

    // ---------------------------------------------------------------- Spread

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 7, 10, 64, 97, 1000, 4096, 10007})
    void spreadIsABijection(long n) {
        Spread spread = new Spread(n);
        assertThat(spread.size()).isEqualTo(n);
        BitSet seen = new BitSet((int) n);
        for (long p = 0; p < n; p++) {
            long id = spread.runId(p);
            assertThat(id).as("position %d", p).isBetween(0L, n - 1);
            assertThat(seen.get((int) id)).as("id %d at position %d repeats", id, p).isFalse();
            seen.set((int) id);
        }
        assertThat(seen.cardinality()).isEqualTo((int) n);
    }

    @Test
    void spreadIsABijectionForEverySmallSize() {
        // Catches a stride that is not coprime to some n (e.g. a gcd loop that stops early).
        for (int n = 1; n <= 300; n++) {
            Spread spread = new Spread(n);
            BitSet seen = new BitSet(n);
            for (int p = 0; p < n; p++) {
                seen.set((int) spread.runId(p));
            }
            assertThat(seen.cardinality()).as("n = %d", n).isEqualTo(n);
            assertThat(seen.nextSetBit(n)).as("n = %d", n).isEqualTo(-1);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1_000_000_000_039L, 1L << 40, 3_037_000_500L, Long.MAX_VALUE})
    void spreadIsExactForHugeSizes(long n) {
        // Position·stride overflows a long here; compare with exact arithmetic.
        Spread spread = new Spread(n);
        long stride = spread.runId(1);
        BigInteger bigN = BigInteger.valueOf(n);
        assertThat(BigInteger.valueOf(stride).gcd(bigN)).as("stride must be coprime to n").isEqualTo(BigInteger.ONE);
        assertThat(spread.runId(0)).isZero();
        assertThat(spread.runId(n - 1)).isBetween(0L, n - 1).isEqualTo(n - stride);

        SplittableRandom rnd = new SplittableRandom(n);
        Set<Long> positions = new HashSet<>(Set.of(1L, 2L, n - 1, n - 2, n / 2));
        while (positions.size() < 300) {
            positions.add(rnd.nextLong(n));
        }
        Set<Long> ids = new HashSet<>();
        for (long p : positions) {
            long id = spread.runId(p);
            assertThat(id).isBetween(0L, n - 1);
            assertThat(id).isEqualTo(BigInteger.valueOf(p).multiply(BigInteger.valueOf(stride)).mod(bigN).longValueExact());
            ids.add(id);
        }
        assertThat(ids).as("distinct positions give distinct ids").hasSameSizeAs(positions);
    }

    @Test
    void spreadRejectsPositionsOutsideTheRange() {
        Spread spread = new Spread(10);
        assertThatThrownBy(() -> spread.runId(10)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> spread.runId(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new Spread(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatCode(() -> new Spread(1).runId(0)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource({"100, 100, 8", "1000, 10, 8", "10, 1000, 4", "64, 64, 8", "50, 200, 16", "1000, 1000, 64"})
    void everyContiguousChunkMixesLearningRates(int lrCount, int pointCount, int chunks) {
        // Partitions are contiguous position ranges; each should hold slow and fast learning rates:
        // at least 90% of the learning rates (or of the chunk length, when the chunk is shorter).
        // With 100 × 100 in 8 chunks that is the 90-of-100 requirement.
        Grid grid = new Grid(LearningRates.log(1e-4, 1, lrCount),
                new RandomPoints(pointCount, new double[] {0}, new double[] {1}, 5));
        Spread spread = new Spread(grid.size());
        long chunk = grid.size() / chunks;
        int atLeast = (int) Math.ceil(0.9 * Math.min(lrCount, chunk));
        for (int c = 0; c < chunks; c++) {
            BitSet lrs = new BitSet(lrCount);
            for (long p = c * chunk; p < (c + 1) * chunk; p++) {
                lrs.set(grid.learningRateIndex(spread.runId(p)));
            }
            assertThat(lrs.cardinality()).as("learning rates in chunk %d", c).isGreaterThanOrEqualTo(atLeast);
        }
    }

    @Test
    void boxesWiderThanTheDoubleRangeStillInterpolate() {
        // max − min overflows to infinity here; the points must not.
        Lattice lattice = new Lattice(new double[] {-1e308}, new double[] {1e308}, new int[] {3});
        double[] p = new double[1];
        lattice.fill(0, p);
        assertThat(p[0]).isEqualTo(-1e308);
        lattice.fill(1, p);
        assertThat(p[0]).isEqualTo(0.0);
        lattice.fill(2, p);
        assertThat(p[0]).isEqualTo(1e308);
        RandomPoints random = new RandomPoints(100, new double[] {-1e308}, new double[] {1e308}, 1);
        for (long i = 0; i < 100; i++) {
            random.fill(i, p);
            assertThat(p[0]).isBetween(-1e308, 1e308);
        }
    }
}
