package dev.gdsweep.loss.formula;

import static dev.gdsweep.loss.formula.FormulaTesting.XY;
import static dev.gdsweep.loss.formula.FormulaTesting.gradient;
import static dev.gdsweep.loss.formula.FormulaTesting.loss;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gdsweep.engine.GradientDescent;
import dev.gdsweep.engine.RunResult;
import dev.gdsweep.engine.StopReason;
import dev.gdsweep.engine.StoppingRule;
import dev.gdsweep.loss.Minimum;
import dev.gdsweep.loss.Rosenbrock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** FormulaLoss as a Loss: dimension, minima, copies, compilation, and a descent run. */
class FormulaLossTest {

    private static final String ROSENBROCK = "(a - x)^2 + b*(y - x^2)^2";
    private static final Map<String, Double> AB = Map.of("a", 1.0, "b", 100.0);

    @Test
    void exposesItsFormula() {
        Formula formula = Formula.parse(ROSENBROCK, XY, AB);
        FormulaLoss loss = new FormulaLoss(formula);
        assertThat(loss.dimension()).isEqualTo(2);
        assertThat(loss.formula()).isSameAs(formula);
        assertThat(formula.text()).isEqualTo(ROSENBROCK);
        assertThat(formula).hasToString(ROSENBROCK);
        assertThat(formula.variables()).containsExactly("x", "y");
        assertThat(formula.constants()).containsExactly(Map.entry("a", 1.0), Map.entry("b", 100.0));
        assertThat(loss.knownMinima()).isEmpty();
    }

    @Test
    void knownMinimaArePassedThroughAndChecked() {
        Formula formula = Formula.parse(ROSENBROCK, XY, AB);
        Minimum min = new Minimum(new double[] {1, 1}, 0, true);
        assertThat(new FormulaLoss(formula, List.of(min)).knownMinima()).containsExactly(min);
        assertThat(new FormulaLoss(formula, List.of(min)).copy().knownMinima()).containsExactly(min);
        assertThatThrownBy(() -> new FormulaLoss(formula, List.of(new Minimum(new double[] {1}, 0, true))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("known minimum global minimum [1.0] = 0.0 has dimension 1, but the formula has 2 "
                        + "variables [x, y]");
    }

    @Test
    void needsAtLeastOneVariable() {
        Formula constant = Formula.parse("1 + 2", List.of());
        assertThatThrownBy(() -> new FormulaLoss(constant))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a formula loss needs at least one variable: 1 + 2");
    }

    @Test
    void aVariableTheFormulaDoesNotUseHasGradientZero() {
        FormulaLoss loss = loss("x^2", "x", "unused");
        double[] g = {99, 99};
        assertThat(loss.valueAndGradient(new double[] {3, 5}, g)).isEqualTo(9);
        assertThat(g).containsExactly(6, 0);
    }

    @Test
    void aConstantOrSingleVariableFormulaWorks() {
        assertThat(gradient(loss("7", "x", "y"), 1, 2)).containsExactly(0, 0);
        assertThat(loss("7", "x", "y").value(new double[] {1, 2})).isEqualTo(7);
        assertThat(gradient(loss("y", "x", "y"), 1, 2)).containsExactly(0, 1);
        assertThat(loss("y", "x", "y").valueAndGradient(new double[] {1, 2}, new double[2])).isEqualTo(2);
    }

    @Test
    void wrongArrayLengthsAreRejectedAndLeaveNoTrace() {
        FormulaLoss loss = loss(ROSENBROCK, XY, AB);
        assertThatThrownBy(() -> loss.valueAndGradient(new double[] {1, 2}, new double[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gradient has length 1, the formula has 2 variables");
        assertThatThrownBy(() -> loss.value(new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("w has length 1, the formula has 2 variables");
        assertThat(gradient(loss, -1.2, 1)).containsExactly(gradient(loss.copy(), -1.2, 1));
    }

    @Test
    void repeatedCallsGiveIdenticalResults() {
        FormulaLoss loss = loss("sin(x*y) + (x - y)^2 + min(x, y)", "x", "y");
        double[] first = gradient(loss, 0.3, -1.1);
        gradient(loss, 5, 7);
        assertThat(gradient(loss, 0.3, -1.1)).containsExactly(first);
    }

    @Test
    void foldsConstantsSharesSubexpressionsAndFusesSquaredDifferences() {
        assertThat(tape("2*3 + x", "x").operationCount()).isEqualTo(1);
        assertThat(tape("x + 2*pi/4 - sqrt(16)", "x").operationCount()).isEqualTo(2);
        assertThat(tape("sin(x)*sin(x)", "x").operationCount()).isEqualTo(2);
        assertThat(tape("x^2", "x").toString()).isEqualTo("t1 = square(x0)\nresult t1");
        assertThat(tape("x^1", "x").operationCount()).isZero();
        assertThat(tape("x^(3-1)", "x").toString()).isEqualTo("t1 = square(x0)\nresult t1");
        assertThat(tape("(x - 1)^2", "x").toString()).isEqualTo("t2 = sqdiff(x0, 1.0)\nresult t2");
        // The difference is needed anyway, so it is not fused.
        assertThat(tape("(x - 1)^2 + (x - 1)", "x").toString())
                .isEqualTo("t2 = sub(x0, 1.0)\nt3 = square(t2)\nt4 = add(t3, t2)\nresult t4");
        assertThat(tape(ROSENBROCK.replace("a", "1").replace("b", "100"), "x", "y").operationCount()).isEqualTo(5);
    }

    @Test
    void copiesHaveTheirOwnBuffers() {
        FormulaLoss loss = loss(ROSENBROCK, XY, AB);
        FormulaLoss copy = loss.copy();
        assertThat(copy).isNotSameAs(loss);
        assertThat(copy.formula()).isSameAs(loss.formula());
        double[] g1 = new double[2];
        double[] g2 = new double[2];
        // Interleaved calls on the two copies do not disturb each other.
        double v1 = loss.valueAndGradient(new double[] {0.5, 0.5}, g1);
        double v2 = copy.valueAndGradient(new double[] {-1, 2}, g2);
        assertThat(v1).isEqualTo(new Rosenbrock(2, 1, 100).value(new double[] {0.5, 0.5}));
        assertThat(v2).isEqualTo(new Rosenbrock(2, 1, 100).value(new double[] {-1, 2}));
        assertThat(g1).containsExactly(gradient(copy, 0.5, 0.5));
    }

    @Test
    void copiesRunInParallelThreads() throws Exception {
        FormulaLoss prototype = loss("exp(-x^2) * sin(3*y) + (x - y)^2 + log(1 + x^2 + y^2)", "x", "y");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                FormulaLoss mine = prototype.copy();
                results.add(pool.submit(() -> {
                    double[] g = new double[2];
                    double[] sum = new double[3];
                    for (int i = 0; i < 100_000; i++) {
                        double x = -2 + 4e-5 * i;
                        sum[0] += mine.valueAndGradient(new double[] {x, 1 - x}, g);
                        sum[1] += g[0];
                        sum[2] += g[1];
                    }
                    return sum;
                }));
            }
            double[] first = results.get(0).get();
            for (Future<double[]> f : results) {
                assertThat(f.get()).containsExactly(first);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void drivesGradientDescentToTheMinimum() {
        FormulaLoss loss = loss("(x^2 + y - 11)^2 + (x + y^2 - 7)^2", "x", "y");
        RunResult result = new GradientDescent(2).run(loss, 0.01, new double[] {1, 1},
                new StoppingRule(100_000, 1e-10, 0, 0.0, 1e12));
        assertThat(result.stopReason()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
        assertThat(result.finalWeights()[0]).isCloseTo(3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(result.finalWeights()[1]).isCloseTo(2, org.assertj.core.data.Offset.offset(1e-9));
    }

    private static Tape tape(String text, String... variables) {
        return Formula.parse(text, List.of(variables)).tape();
    }
}
