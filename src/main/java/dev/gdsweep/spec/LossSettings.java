package dev.gdsweep.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * The loss settings of a sweep: a loss and the axes of its numeric settings, expanded in order, the
 * first axis slowest (the axes are in the order the spec writes the settings: a built-in's parameters
 * in its definition's order, a formula's constants and a plugin's parameters by name). Without an axis
 * there is one setting, the loss itself. Setting i is addressed, never listed: see
 * {@link dev.gdsweep.grid.Grid}, whose slowest axis it is.
 *
 * @param base the loss; a setting replaces the value of each axis's setting in it
 */
public record LossSettings(LossSpec base, List<LossAxis> axes) {

    public LossSettings {
        axes = List.copyOf(axes);
    }

    /** The one setting of a sweep without a loss axis. */
    public static LossSettings of(LossSpec loss) {
        return new LossSettings(loss, List.of());
    }

    /** How many settings: the product of the axes' sizes; throws ArithmeticException past a long. */
    public long count() {
        long n = 1;
        for (LossAxis a : axes) {
            n = Math.multiplyExact(n, a.size());
        }
        return n;
    }

    /** Setting {@code index}, 0 ≤ index &lt; count: every axis at its value for that index. */
    public LossSpec get(long index) {
        int[] at = positions(index);
        LossSpec loss = base;
        for (int k = 0; k < axes.size(); k++) {
            loss = loss.with(axes.get(k).setting(), axes.get(k).value(at[k]));
        }
        return loss;
    }

    /** The first setting: the loss of a sweep without a loss axis. */
    public LossSpec first() {
        return get(0);
    }

    /** Every setting, in order. */
    public List<LossSpec> all() {
        List<LossSpec> out = new ArrayList<>();
        for (long i = 0; i < count(); i++) {
            out.add(get(i));
        }
        return out;
    }

    /** Each axis's value index in setting {@code index}, the last axis fastest. */
    int[] positions(long index) {
        if (index < 0 || index >= count()) {
            throw new IndexOutOfBoundsException("loss setting " + index + " outside [0, " + count() + ")");
        }
        int[] at = new int[axes.size()];
        for (int k = axes.size() - 1; k >= 0; k--) {
            at[k] = (int) (index % axes.get(k).size());
            index /= axes.get(k).size();
        }
        return at;
    }

    /** Whether there is any loss axis (even of one value). */
    public boolean hasAxes() {
        return !axes.isEmpty();
    }
}
