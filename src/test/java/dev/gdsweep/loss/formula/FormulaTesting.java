package dev.gdsweep.loss.formula;

import dev.gdsweep.loss.Loss;
import java.util.List;
import java.util.Map;

/** Shared helpers for the formula tests (no tests of its own). */
final class FormulaTesting {

    static final List<String> XY = List.of("x", "y");

    private FormulaTesting() {}

    static FormulaLoss loss(String text, String... variables) {
        return new FormulaLoss(Formula.parse(text, List.of(variables)));
    }

    static FormulaLoss loss(String text, List<String> variables, Map<String, Double> constants) {
        return new FormulaLoss(Formula.parse(text, variables, constants));
    }

    /** The gradient at {@code w} from valueAndGradient (whose value must agree with value()). */
    static double[] gradient(Loss loss, double... w) {
        double[] g = new double[w.length];
        loss.valueAndGradient(w, g);
        return g;
    }

    /**
     * Central differences of {@code loss.value}, step h = 1e-5·max(1, |w_k|): truncation error
     * O(h²·f''') and rounding error O(ε·f/h) are both around 1e-10 relative for smooth functions.
     */
    static double[] centralDifference(Loss loss, double[] w) {
        double[] g = new double[w.length];
        double[] p = w.clone();
        for (int k = 0; k < w.length; k++) {
            double h = 1e-5 * Math.max(1, Math.abs(w[k]));
            p[k] = w[k] + h;
            double up = loss.value(p);
            p[k] = w[k] - h;
            double down = loss.value(p);
            p[k] = w[k];
            g[k] = (up - down) / (2 * h);
        }
        return g;
    }

    /** |a − b| within {@code relative} of the larger magnitude, or of 1 for values near 0. */
    static boolean close(double a, double b, double relative) {
        return Math.abs(a - b) <= relative * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }
}
