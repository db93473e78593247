package dev.gdsweep.loss;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every built-in's lane kernel gives, lane by lane, the bits its scalar valueAndGradient gives. */
class LaneLossTest {

    record Case(String label, LaneLoss loss) {
        @Override
        public String toString() {
            return label;
        }
    }

    static List<Case> losses() {
        List<Case> cases = new ArrayList<>();
        for (LossDefinition definition : BuiltinLosses.all()) {
            int[] dimensions = definition.fixedDimension() > 0 ? new int[] {definition.fixedDimension()}
                    : new int[] {1, 2, 3, 7};
            for (int n : dimensions) {
                if (n < definition.minDimension()) {
                    continue;
                }
                Loss loss = definition.create(n, LossParams.none());
                assertThat(loss).as(definition.name()).isInstanceOf(LaneLoss.class);
                cases.add(new Case(definition.name() + "-" + n, (LaneLoss) loss));
            }
        }
        // Parameters that make signed zeros and negative curvature appear.
        cases.add(new Case("rosenbrock-a0", new Rosenbrock(2, 0, 100)));
        cases.add(new Case("rosenbrock-a0-4", new Rosenbrock(4, 0, 3)));
        cases.add(new Case("quadratic-signs", new Quadratic(new double[] {-1, 0, 2.5})));
        cases.add(new Case("rastrigin-custom", (LaneLoss) BuiltinLosses.find("rastrigin").orElseThrow()
                .create(3, new LossParams(Map.of("A", new double[] {3.5})))));
        return cases;
    }

    private static final double[] SCALES = {0, 1e-300, 1e-160, 1e-3, 1, 3, 100, 1e50, 1e160, 1e300};

    @ParameterizedTest
    @MethodSource("losses")
    void everyLaneMatchesTheScalarEvaluation(Case c) {
        LaneLoss loss = c.loss();
        int n = loss.dimension();
        SplittableRandom random = new SplittableRandom(7);
        for (int lanes : new int[] {1, 3, 8, 33}) {
            for (int trial = 0; trial < 40; trial++) {
                int rowLength = lanes + trial % 3; // rows may be longer than the lane count
                double[][] w = new double[n][rowLength];
                double[][] gradient = new double[n][rowLength];
                for (int i = 0; i < n; i++) {
                    for (int l = 0; l < rowLength; l++) {
                        w[i][l] = point(random);
                    }
                    java.util.Arrays.fill(gradient[i], Double.NaN); // every entry must be overwritten
                }
                double[] values = new double[lanes];
                java.util.Arrays.fill(values, Double.NaN);
                loss.valuesAndGradients(lanes, w, gradient, values);
                for (int l = 0; l < lanes; l++) {
                    double[] alone = new double[n];
                    for (int i = 0; i < n; i++) {
                        alone[i] = w[i][l];
                    }
                    double[] expectedGradient = new double[n];
                    double expected = loss.valueAndGradient(alone, expectedGradient);
                    double[] laneGradient = new double[n];
                    for (int i = 0; i < n; i++) {
                        laneGradient[i] = gradient[i][l];
                    }
                    String at = c + " lanes " + lanes + " lane " + l + " at " + java.util.Arrays.toString(alone);
                    assertThat(Double.doubleToLongBits(values[l])).as(at).isEqualTo(Double.doubleToLongBits(expected));
                    assertThat(bits(laneGradient)).as(at).isEqualTo(bits(expectedGradient));
                }
            }
        }
    }

    private static double point(SplittableRandom random) {
        return switch (random.nextInt(12)) {
            case 0 -> 0.0;
            case 1 -> -0.0;
            case 2 -> random.nextInt(5) - 2.0; // exact small integers: minima, cancellations
            default -> (random.nextBoolean() ? 1 : -1) * SCALES[random.nextInt(SCALES.length)] * random.nextDouble();
        };
    }

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToLongBits(v[i]);
        }
        return b;
    }
}
