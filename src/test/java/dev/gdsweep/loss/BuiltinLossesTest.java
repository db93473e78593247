package dev.gdsweep.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class BuiltinLossesTest {

    private static final int POINTS_PER_CASE = 200;

    /**
     * Gradient check tolerance, relative to the scale 1 + |f| + ||g||. A central difference with
     * h = 1e-6·max(1, |w_i|) has round-off about eps·|f|/h ≈ 1e-10·|f| plus truncation h²·f'''/6.
     * Measured on correct code over 2000 points per loss: worst error/scale 5e-9 (Goldstein–Price,
     * steep walls, f up to 1e6), ≤ 6e-10 for every other loss; 1e-7 leaves a margin of 20. A sign
     * or factor slip in one gradient term moves g_i by that term's size, which at some of the 200
     * points is far above 1e-7 of the scale: each of ~20 such slips tried (e.g. 4.2 → 4.0 in the
     * three-hump camel, a dropped 1/n in Ackley) made this test fail.
     */
    private static final double GRADIENT_RTOL = 1e-7;

    private static final double FD_STEP = 1e-6;

    /** A loss to check: its definition, dimension and parameters. */
    record Case(LossDefinition definition, int dimension, LossParams params, String label) {
        Loss loss() {
            return definition.create(dimension, params);
        }

        @Override
        public String toString() {
            return definition.name() + " n=" + dimension + (label.isEmpty() ? "" : " " + label);
        }
    }

    private static LossParams params(Object... nameValuePairs) {
        Map<String, double[]> map = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            Object v = nameValuePairs[i + 1];
            map.put((String) nameValuePairs[i], v instanceof double[] d ? d : new double[] {(Double) v});
        }
        return new LossParams(map);
    }

    /** Dimensions 1, 2, 3, 5 where accepted; the fixed dimension for 2-D-only losses. */
    private static int[] dimensions(LossDefinition d) {
        return d.fixedDimension() != 0
                ? new int[] {d.fixedDimension()}
                : Arrays.stream(new int[] {1, 2, 3, 5}).filter(d::acceptsDimension).toArray();
    }

    /** Non-default parameters per loss, so a formula that ignores a parameter is caught. */
    private static List<LossParams> variants(String name, int n) {
        List<LossParams> out = new ArrayList<>();
        out.add(LossParams.none());
        SplittableRandom rnd = new SplittableRandom(1000 + n);
        switch (name) {
            case "quadratic" -> {
                double[] positive = rnd.doubles(n, 0.1, 10).toArray();
                double[] mixed = rnd.doubles(n, -3, 3).toArray(); // no minimum, gradient still defined
                out.add(params("diag", positive));
                out.add(params("diag", mixed));
            }
            case "rosenbrock" -> {
                out.add(params("a", 2.0, "b", 10.0));
                out.add(params("a", -0.5, "b", 1.0));
            }
            case "rastrigin" -> {
                out.add(params("A", 3.0));
                out.add(params("A", 0.0));
            }
            case "ackley" -> out.add(params("a", 15.0, "b", 0.5, "c", 3.0));
            default -> { }
        }
        return out;
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (LossDefinition d : BuiltinLosses.all()) {
            for (int n : dimensions(d)) {
                for (LossParams p : variants(d.name(), n)) {
                    String label = p.asMap().isEmpty() ? "" : describe(p);
                    cases.add(new Case(d, n, p, label));
                }
            }
        }
        return cases.stream();
    }

    private static String describe(LossParams p) {
        StringBuilder sb = new StringBuilder();
        p.asMap().forEach((k, v) -> sb.append(k).append('=').append(Arrays.toString(v)).append(' '));
        return sb.toString().trim();
    }

    /** Uniform point in the usual domain: [lo, hi] for all, or per-coordinate pairs. */
    private static double[] randomPoint(LossDefinition d, int n, SplittableRandom rnd) {
        double[] dom = d.usualDomain();
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double lo = dom.length == 2 ? dom[0] : dom[2 * i];
            double hi = dom.length == 2 ? dom[1] : dom[2 * i + 1];
            w[i] = lo + (hi - lo) * rnd.nextDouble();
        }
        return w;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static double[] gradientAt(Loss loss, double[] w) {
        double[] g = new double[w.length];
        loss.valueAndGradient(w.clone(), g);
        return g;
    }

    @Test
    void everyBuiltinIsCovered() {
        // Guards the parameterised tests below against silently checking nothing.
        assertThat(BuiltinLosses.names()).containsExactlyInAnyOrder("quadratic", "rosenbrock", "himmelblau",
                "booth", "beale", "matyas", "three_hump_camel", "six_hump_camel", "rastrigin", "ackley",
                "goldstein_price", "styblinski_tang");
        assertThat(cases().count()).isGreaterThan(40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientMatchesCentralDifferences(Case c) {
        Loss loss = c.loss();
        assertThat(loss.dimension()).isEqualTo(c.dimension());
        SplittableRandom rnd = new SplittableRandom(c.toString().hashCode());
        int n = c.dimension();
        for (int k = 0; k < POINTS_PER_CASE; k++) {
            double[] w = randomPoint(c.definition(), n, rnd);
            double[] g = new double[n];
            double f = loss.valueAndGradient(w.clone(), g);
            double scale = 1 + Math.abs(f) + norm(g);
            for (int i = 0; i < n; i++) {
                double h = FD_STEP * Math.max(1, Math.abs(w[i]));
                double[] plus = w.clone();
                double[] minus = w.clone();
                plus[i] += h;
                minus[i] -= h;
                // Divide by the step actually taken, not the nominal one.
                double fd = (loss.value(plus) - loss.value(minus)) / (plus[i] - minus[i]);
                assertThat(g[i])
                        .as("%s: d/dw%d at %s (f = %s)", c, i, Arrays.toString(w), f)
                        .isCloseTo(fd, within(GRADIENT_RTOL * scale));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void valueAndGradientReturnsValueAndOverwritesEveryEntry(Case c) {
        Loss loss = c.loss();
        SplittableRandom rnd = new SplittableRandom(~c.toString().hashCode());
        for (int k = 0; k < POINTS_PER_CASE; k++) {
            double[] w = randomPoint(c.definition(), c.dimension(), rnd);
            double[] before = w.clone();
            double[] g = new double[c.dimension()];
            Arrays.fill(g, Double.NaN); // the engine reuses its array: stale entries must not survive
            double f = loss.valueAndGradient(w, g);
            double v = loss.value(w);
            assertThat(w).as("%s must not modify w", c).containsExactly(before);
            assertThat(g).as("%s gradient at %s", c, Arrays.toString(w)).doesNotContain(Double.NaN);
            // Same formula, maybe a different evaluation order: equal to 1e-12 relative.
            assertThat(f).as("%s value at %s", c, Arrays.toString(w))
                    .isCloseTo(v, within(1e-12 * Math.abs(v) + Double.MIN_NORMAL));
        }
    }

    // ---------------------------------------------------------------- known minima

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void knownMinimaAreStationaryWithTheListedValue(Case c) {
        Loss loss = c.loss();
        List<Minimum> minima = loss.knownMinima();
        for (Minimum m : minima) {
            double[] p = m.point();
            assertThat(p).hasSize(c.dimension());
            // 1e-9 absolute, or relative once the value is large (Goldstein–Price's 840).
            assertThat(loss.value(p)).as("%s value at %s", c, m)
                    .isCloseTo(m.value(), within(1e-9 * Math.max(1, Math.abs(m.value()))));
            assertThat(norm(gradientAt(loss, p))).as("%s gradient norm at %s", c, m).isLessThanOrEqualTo(1e-6);
        }
        if (!minima.isEmpty()) {
            double best = minima.stream().mapToDouble(Minimum::value).min().orElseThrow();
            assertThat(minima).as("%s needs a global minimum", c).anyMatch(Minimum::global);
            for (Minimum m : minima) {
                if (m.global()) {
                    assertThat(m.value()).as("%s global %s is not the lowest listed", c, m)
                            .isCloseTo(best, within(1e-9 * Math.max(1, Math.abs(best))));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void knownMinimaAreMinimaNotSaddles(Case c) {
        // A stationary point could be a saddle; a minimum rises in every direction. The radius
        // 1e-3 makes the rise (≥ ~1e-8 for Matyas' flattest direction) far above round-off.
        Loss loss = c.loss();
        SplittableRandom rnd = new SplittableRandom(7);
        for (Minimum m : loss.knownMinima()) {
            double[] p = m.point();
            double v = loss.value(p);
            for (int k = 0; k < 200; k++) {
                double[] dir = new double[p.length];
                for (int i = 0; i < p.length; i++) {
                    dir[i] = rnd.nextDouble(-1, 1);
                }
                double len = norm(dir);
                double[] q = p.clone();
                for (int i = 0; i < p.length; i++) {
                    q[i] += 1e-3 * dir[i] / len;
                }
                assertThat(loss.value(q)).as("%s near %s at %s", c, m, Arrays.toString(q)).isGreaterThan(v);
            }
        }
    }

    private static Loss builtin(String name, int n, LossParams p) {
        return BuiltinLosses.find(name).orElseThrow().create(n, p);
    }

    @Test
    void himmelblauHasFourGlobalMinimaOfValueZero() {
        List<Minimum> minima = builtin("himmelblau", 2, LossParams.none()).knownMinima();
        assertThat(minima).hasSize(4).allMatch(Minimum::global).allMatch(m -> m.value() == 0.0);
        // Published locations (4 decimals in most references).
        double[][] published = {{3, 2}, {-2.805118, 3.131312}, {-3.779310, -3.283186}, {3.584428, -1.848126}};
        for (double[] q : published) {
            assertThat(minima).anySatisfy(m -> {
                assertThat(m.point()[0]).isCloseTo(q[0], within(1e-5));
                assertThat(m.point()[1]).isCloseTo(q[1], within(1e-5));
            });
        }
    }

    @Test
    void sixHumpCamelGlobalValue() {
        Loss loss = builtin("six_hump_camel", 2, LossParams.none());
        List<Minimum> global = loss.knownMinima().stream().filter(Minimum::global).toList();
        assertThat(global).hasSize(2);
        for (Minimum m : global) {
            assertThat(m.value()).isCloseTo(-1.0316284534898776, within(1e-9));
            assertThat(loss.value(m.point())).isCloseTo(-1.0316284534898776, within(1e-9));
            // The two global minima are mirror images: f(x, y) = f(−x, −y).
            assertThat(Math.abs(m.point()[0])).isCloseTo(0.0898420131, within(1e-9));
            assertThat(Math.abs(m.point()[1])).isCloseTo(0.7126564030, within(1e-9));
        }
    }

    @Test
    void goldsteinPriceGlobalMinimumIsThreeAtZeroMinusOne() {
        Loss loss = builtin("goldstein_price", 2, LossParams.none());
        assertThat(loss.value(new double[] {0, -1})).isEqualTo(3.0);
        assertThat(loss.knownMinima()).filteredOn(Minimum::global).singleElement().satisfies(m -> {
            assertThat(m.point()).containsExactly(0, -1);
            assertThat(m.value()).isEqualTo(3.0);
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5})
    void styblinskiTangMinimumIsPublishedValueTimesN(int n) {
        Loss loss = builtin("styblinski_tang", n, LossParams.none());
        Minimum m = loss.knownMinima().get(0);
        assertThat(m.global()).isTrue();
        assertThat(m.value()).isCloseTo(-39.16616570377141 * n, within(1e-9 * n));
        for (double x : m.point()) {
            assertThat(x).isCloseTo(-2.903534, within(1e-6));
        }
    }

    @Test
    void bealeAndBoothMinima() {
        assertThat(builtin("beale", 2, LossParams.none()).knownMinima())
                .containsExactly(new Minimum(new double[] {3, 0.5}, 0.0, true));
        assertThat(builtin("booth", 2, LossParams.none()).knownMinima())
                .containsExactly(new Minimum(new double[] {1, 3}, 0.0, true));
    }

    @Test
    void rosenbrockMinima() {
        // (a, a²) in 2-D, for any a and b.
        assertThat(builtin("rosenbrock", 2, LossParams.none()).knownMinima())
                .containsExactly(new Minimum(new double[] {1, 1}, 0.0, true));
        assertThat(builtin("rosenbrock", 2, params("a", 2.0, "b", 10.0)).knownMinima())
                .containsExactly(new Minimum(new double[] {2, 4}, 0.0, true));
        // All ones in n-D with a = 1.
        for (int n : new int[] {3, 5}) {
            double[] ones = new double[n];
            Arrays.fill(ones, 1.0);
            assertThat(builtin("rosenbrock", n, params("b", 10.0)).knownMinima())
                    .containsExactly(new Minimum(ones, 0.0, true));
        }
        // For a ≠ 1 in n-D there is no closed form, so nothing is claimed.
        assertThat(builtin("rosenbrock", 3, params("a", 2.0)).knownMinima()).isEmpty();
    }

    @Test
    void quadraticHasNoMinimumUnlessEveryCurvatureIsPositive() {
        assertThat(builtin("quadratic", 3, params("diag", new double[] {1, 0, 2})).knownMinima()).isEmpty();
        assertThat(builtin("quadratic", 2, params("diag", new double[] {1, -1})).knownMinima()).isEmpty();
        assertThat(builtin("quadratic", 2, params("diag", new double[] {0.5, 3})).knownMinima())
                .containsExactly(new Minimum(new double[] {0, 0}, 0.0, true));
    }

    // ---------------------------------------------------------------- parameter errors

    @Test
    void quadraticDiagOfWrongLength() {
        assertThatThrownBy(() -> builtin("quadratic", 2, params("diag", new double[] {1, 2, 3})))
                .isInstanceOfSatisfying(LossParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo("diag"))
                .hasMessage("diag must have one entry per weight (2), but has 3");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.0})
    void rosenbrockNeedsPositiveB(double b) {
        assertThatThrownBy(() -> builtin("rosenbrock", 2, params("b", b)))
                .isInstanceOfSatisfying(LossParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo("b"))
                .hasMessage("b must be > 0, got " + b);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.2})
    void ackleyNeedsPositiveB(double b) {
        assertThatThrownBy(() -> builtin("ackley", 2, params("b", b)))
                .isInstanceOf(LossParameterException.class)
                .hasMessage("b must be > 0, got " + b);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1.0, -1e-300})
    void rastriginNeedsNonNegativeA(double a) {
        assertThatThrownBy(() -> builtin("rastrigin", 3, params("A", a)))
                .isInstanceOfSatisfying(LossParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo("A"))
                .hasMessage("A must be >= 0, got " + a);
    }

    static Stream<Arguments> nonFiniteParameters() {
        return Stream.of(
                Arguments.of("rosenbrock", "a", Double.NaN),
                Arguments.of("rosenbrock", "b", Double.POSITIVE_INFINITY),
                Arguments.of("rosenbrock", "b", Double.NaN),
                Arguments.of("rastrigin", "A", Double.POSITIVE_INFINITY),
                Arguments.of("rastrigin", "A", Double.NaN),
                Arguments.of("ackley", "a", Double.NaN),
                Arguments.of("ackley", "c", Double.NEGATIVE_INFINITY));
    }

    @ParameterizedTest
    @MethodSource("nonFiniteParameters")
    void nonFiniteParametersAreRefused(String loss, String name, double value) {
        assertThatThrownBy(() -> builtin(loss, 2, params(name, value)))
                .isInstanceOfSatisfying(LossParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo(name))
                .hasMessage(name + " must be a finite number, got " + value);
    }

    @Test
    void ackleyNeedsANonNegativeDepth() {
        // With a < 0 the cone turns upside down and the origin is a local maximum, not the minimum.
        assertThatThrownBy(() -> builtin("ackley", 2, params("a", -20.0)))
                .hasMessage("a must be >= 0, got -20.0");
    }

    @Test
    void quadraticCurvaturesMustBeFinite() {
        assertThatThrownBy(() -> builtin("quadratic", 2, new LossParams(Map.of("diag", new double[] {1, Double.NaN}))))
                .hasMessage("diag entries must be finite numbers, got NaN");
    }

    static Stream<Arguments> twoDimensionalOnly() {
        return BuiltinLosses.all().stream().filter(d -> d.fixedDimension() == 2).map(d -> Arguments.of(d.name()));
    }

    @ParameterizedTest
    @MethodSource("twoDimensionalOnly")
    void twoDimensionalLossRejectsDimensionThree(String name) {
        assertThatThrownBy(() -> builtin(name, 3, LossParams.none()))
                .isInstanceOfSatisfying(LossParameterException.class, e -> assertThat(e.parameter()).isNull())
                .hasMessage("loss '" + name + "' takes dimension 2, but the initial weights have dimension 3");
    }

    @Test
    void rosenbrockRejectsDimensionOne() {
        assertThatThrownBy(() -> builtin("rosenbrock", 1, LossParams.none()))
                .isInstanceOf(LossParameterException.class)
                .hasMessage("loss 'rosenbrock' takes dimension any n >= 2, but the initial weights have dimension 1");
    }

    // ---------------------------------------------------------------- Ackley at the origin

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5})
    void ackleyGradientIsZeroAtTheOrigin(int n) {
        // The cone is not differentiable at 0; the documented convention is the subgradient 0.
        for (LossParams p : List.of(LossParams.none(), params("a", 15.0, "b", 0.5, "c", 3.0))) {
            Loss loss = builtin("ackley", n, p);
            double[] g = new double[n];
            Arrays.fill(g, Double.NaN);
            double f = loss.valueAndGradient(new double[n], g);
            assertThat(norm(g)).isEqualTo(0.0); // also rules out NaN left in place
            assertThat(f).isCloseTo(0.0, within(1e-15)); // −a − e + a + e, up to rounding
        }
    }
}
