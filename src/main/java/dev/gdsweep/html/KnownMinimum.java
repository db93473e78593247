package dev.gdsweep.html;

import java.util.Arrays;
import java.util.Objects;

/**
 * A known minimum of the loss, as the report names it.
 *
 * @param label how the report names it (e.g. {@code "global minimum"}); the coordinates are added by the report
 * @param point where it is
 */
public record KnownMinimum(String label, double[] point) {

    public KnownMinimum {
        label = label == null ? "" : label;
        point = Objects.requireNonNull(point, "point").clone();
    }

    @Override
    public double[] point() {
        return point.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KnownMinimum m && label.equals(m.label) && Arrays.equals(point, m.point);
    }

    @Override
    public int hashCode() {
        return 31 * label.hashCode() + Arrays.hashCode(point);
    }

    @Override
    public String toString() {
        return label + " " + Arrays.toString(point);
    }
}
