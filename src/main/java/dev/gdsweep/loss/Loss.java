package dev.gdsweep.loss;

import java.util.List;

/**
 * A differentiable loss over a weight vector of fixed dimension.
 *
 * <p>Implementations must not allocate in {@link #valueAndGradient}: the engine calls it once per
 * iteration with arrays it owns. A loss may return a non-finite value or gradient; the engine then
 * records the run as diverged. Implementations need not be thread-safe: each task builds its own.
 */
public interface Loss {

    /** Number of weights this loss takes. */
    int dimension();

    /** The loss at {@code w}. */
    double value(double[] w);

    /**
     * The loss at {@code w}, with its gradient written into {@code gradient} (same length as
     * {@code w}; every entry is overwritten).
     */
    double valueAndGradient(double[] w, double[] gradient);

    /** Known local or global minima, possibly empty; used to label which basin a run ended in. */
    default List<Minimum> knownMinima() {
        return List.of();
    }
}
