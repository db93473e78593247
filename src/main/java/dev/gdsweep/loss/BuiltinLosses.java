package dev.gdsweep.loss;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The analytic landscapes that ship with gdsweep, by name, with their usual published definitions. */
public final class BuiltinLosses {

    /** Builds a loss of the given dimension from checked parameters. */
    @FunctionalInterface
    private interface Factory {
        Loss create(int dimension, LossParams params);
    }

    private record Builtin(
            String name,
            String formula,
            int fixedDimension,
            int minDimension,
            double[] usualDomain,
            List<ParamSpec> params,
            String minimaDescription,
            Factory factory)
            implements LossDefinition {

        @Override
        public Loss create(int dimension, LossParams params) {
            if (!acceptsDimension(dimension)) {
                throw new LossParameterException(null, "loss '" + name + "' takes dimension "
                        + dimensionDescription() + ", but the initial weights have dimension " + dimension);
            }
            return factory.create(dimension, params);
        }

        @Override
        public double[] usualDomain() {
            return usualDomain.clone();
        }
    }

    private static final Map<String, LossDefinition> BY_NAME = new LinkedHashMap<>();

    static {
        add(new Builtin("quadratic", "f(w) = 1/2 * sum_i d_i * w_i^2", 0, 1, domain(-1, 1),
                List.of(ParamSpec.vector("diag", "curvatures d_i, one per weight (default: all 1)")),
                "0 at the origin when every d_i > 0; gradient descent diverges once lr > 2 / max(d)",
                BuiltinLosses::quadratic));
        add(new Builtin("rosenbrock", "f(w) = sum_{i<n-1} [ b*(w_{i+1} - w_i^2)^2 + (a - w_i)^2 ]", 0, 2,
                domain(-2, 2),
                List.of(ParamSpec.scalar("a", 1.0, "valley offset"),
                        ParamSpec.scalar("b", 100.0, "valley steepness, > 0")),
                "0 at (a, a^2) in 2-D; 0 at (1, ..., 1) in n-D when a = 1",
                (n, p) -> new Rosenbrock(n, finite(p, "a", 1.0), positive(p, "b", 100.0))));
        add(new Builtin("himmelblau", "f(x, y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2", 2, 2, domain(-5, 5),
                List.of(), "0 at (3, 2), (-2.8051, 3.1313), (-3.7793, -3.2832), (3.5844, -1.8481)",
                (n, p) -> new Himmelblau()));
        add(new Builtin("booth", "f(x, y) = (x + 2y - 7)^2 + (2x + y - 5)^2", 2, 2, domain(-10, 10),
                List.of(), "0 at (1, 3)", (n, p) -> new Booth()));
        add(new Builtin("beale",
                "f(x, y) = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2", 2, 2,
                domain(-4.5, 4.5), List.of(), "0 at (3, 0.5)", (n, p) -> new Beale()));
        add(new Builtin("matyas", "f(x, y) = 0.26*(x^2 + y^2) - 0.48*x*y", 2, 2, domain(-10, 10),
                List.of(), "0 at (0, 0)", (n, p) -> new Matyas()));
        add(new Builtin("three_hump_camel", "f(x, y) = 2x^2 - 1.05x^4 + x^6/6 + xy + y^2", 2, 2,
                domain(-5, 5), List.of(), "0 at (0, 0); local 0.2986 at ±(1.7476, -0.8738)",
                (n, p) -> new ThreeHumpCamel()));
        add(new Builtin("six_hump_camel", "f(x, y) = (4 - 2.1x^2 + x^4/3)*x^2 + xy + (-4 + 4y^2)*y^2", 2, 2,
                new double[] {-3, 3, -2, 2}, List.of(),
                "-1.0316 at ±(0.0898, -0.7127); local -0.2155 at ±(1.7036, -0.7961), 2.1043 at ±(1.6071, 0.5687)",
                (n, p) -> new SixHumpCamel()));
        add(new Builtin("rastrigin", "f(w) = A*n + sum_i (w_i^2 - A*cos(2*pi*w_i))", 0, 1, domain(-5.12, 5.12),
                List.of(ParamSpec.scalar("A", 10.0, "ripple amplitude, >= 0")),
                "0 at the origin; a local minimum near every integer point",
                (n, p) -> new Rastrigin(n, nonNegative(p, "A", 10.0))));
        add(new Builtin("ackley",
                "f(w) = -a*exp(-b*sqrt(sum_i w_i^2 / n)) - exp(sum_i cos(c*w_i) / n) + a + e", 0, 1,
                domain(-5, 5),
                List.of(ParamSpec.scalar("a", 20.0, "depth of the cone, >= 0"),
                        ParamSpec.scalar("b", 0.2, "width of the cone, > 0"),
                        ParamSpec.scalar("c", 2 * Math.PI, "ripple frequency")),
                "0 at the origin (gradient taken as 0 exactly there)",
                (n, p) -> new Ackley(n, nonNegative(p, "a", 20.0), positive(p, "b", 0.2), finite(p, "c", 2 * Math.PI))));
        add(new Builtin("goldstein_price",
                "f(x, y) = [1 + (x+y+1)^2 (19 - 14x + 3x^2 - 14y + 6xy + 3y^2)]"
                        + " * [30 + (2x-3y)^2 (18 - 32x + 12x^2 + 48y - 36xy + 27y^2)]",
                2, 2, domain(-2, 2), List.of(),
                "3 at (0, -1); local 30 at (-0.6, -0.4), 84 at (1.8, 0.2), 840 at (1.2, 0.8)",
                (n, p) -> new GoldsteinPrice()));
        add(new Builtin("styblinski_tang", "f(w) = 1/2 * sum_i (w_i^4 - 16*w_i^2 + 5*w_i)", 0, 1, domain(-5, 5),
                List.of(), "-39.16617*n at w_i = -2.903534 for every i", (n, p) -> new StyblinskiTang(n)));
    }

    private BuiltinLosses() {}

    private static void add(LossDefinition definition) {
        BY_NAME.put(definition.name(), definition);
    }

    private static double[] domain(double lo, double hi) {
        return new double[] {lo, hi};
    }

    public static Optional<LossDefinition> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Collection<LossDefinition> all() {
        return Collections.unmodifiableCollection(BY_NAME.values());
    }

    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    private static Loss quadratic(int n, LossParams params) {
        double[] diag = params.vector("diag");
        if (diag == null) {
            diag = new double[n];
            java.util.Arrays.fill(diag, 1.0);
        }
        if (diag.length != n) {
            throw new LossParameterException("diag", "diag must have one entry per weight (" + n
                    + "), but has " + diag.length);
        }
        for (double d : diag) {
            if (!Double.isFinite(d)) {
                throw new LossParameterException("diag", "diag entries must be finite numbers, got " + d);
            }
        }
        return new Quadratic(diag);
    }

    private static double finite(LossParams params, String name, double defaultValue) {
        double v = params.scalar(name, defaultValue);
        if (!Double.isFinite(v)) {
            throw new LossParameterException(name, name + " must be a finite number, got " + v);
        }
        return v;
    }

    private static double positive(LossParams params, String name, double defaultValue) {
        double v = finite(params, name, defaultValue);
        if (!(v > 0)) {
            throw new LossParameterException(name, name + " must be > 0, got " + v);
        }
        return v;
    }

    private static double nonNegative(LossParams params, String name, double defaultValue) {
        double v = finite(params, name, defaultValue);
        if (!(v >= 0)) {
            throw new LossParameterException(name, name + " must be >= 0, got " + v);
        }
        return v;
    }
}
