package dev.gdsweep.spec;

import java.util.Arrays;
import java.util.List;

/**
 * One numeric setting of the loss given as several values, which makes it an axis of the grid: a
 * built-in's parameter ({@code b: [10, 100, 1000]}; a vector parameter takes a list of vectors), a
 * formula's constant, a plugin's parameter, or a model's {@code l2}. See {@link LossSettings} for how
 * the axes combine.
 *
 * @param setting the setting's name
 * @param values the values in order, each a vector (of length one for a number); copied in and out
 * @param vector whether the setting is a vector (written as a list of lists)
 * @param range the range the values were spelt as ({@code log:} or {@code linear:}); null when listed
 */
public record LossAxis(String setting, List<double[]> values, boolean vector, ValueRange range) {

    public LossAxis {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a loss axis needs at least one value");
        }
        values = values.stream().map(double[]::clone).toList();
    }

    /** An axis of the values of {@code range}. */
    static LossAxis of(String setting, ValueRange range) {
        return new LossAxis(setting, Arrays.stream(range.values()).mapToObj(v -> new double[] {v}).toList(), false,
                range);
    }

    @Override
    public List<double[]> values() {
        return values.stream().map(double[]::clone).toList();
    }

    int size() {
        return values.size();
    }

    double[] value(int i) {
        return values.get(i).clone();
    }

    /** The axis as the spec writes it: the list, or the range. */
    Object written() {
        if (range != null) {
            return range.write();
        }
        return values.stream().map(v -> vector ? SpecWriter.list(v) : (Object) v[0]).toList();
    }
}
