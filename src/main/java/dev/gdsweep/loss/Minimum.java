package dev.gdsweep.loss;

import java.util.Arrays;

/** A known minimum of a loss: where it is, the loss there, and whether it is a global minimum. */
public record Minimum(double[] point, double value, boolean global) {

    public Minimum {
        point = point.clone();
    }

    @Override
    public double[] point() {
        return point.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Minimum m
                && Arrays.equals(point, m.point)
                && Double.compare(value, m.value) == 0
                && global == m.global;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(point) + Double.hashCode(value) + (global ? 1 : 0);
    }

    @Override
    public String toString() {
        return (global ? "global" : "local") + " minimum " + Arrays.toString(point) + " = " + value;
    }
}
