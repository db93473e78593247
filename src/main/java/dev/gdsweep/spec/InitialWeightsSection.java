package dev.gdsweep.spec;

import dev.gdsweep.grid.InitialPoints;
import dev.gdsweep.grid.InitializedPoints;
import dev.gdsweep.grid.Lattice;
import dev.gdsweep.grid.ListedPoints;
import dev.gdsweep.grid.NormalPoints;
import dev.gdsweep.grid.RandomPoints;
import dev.gdsweep.grid.ZeroPoint;
import dev.gdsweep.loss.model.MlpLoss;
import dev.gdsweep.loss.model.ModelLoss;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code initial_weights:} the starting points, one of {@code grid} (a lattice over a box),
 * {@code points} (listed) or {@code random} (uniform in a box). For a model, whose dimension comes
 * from its data, one of {@code zeros}, {@code points} or {@code random} (normal, or an mlp's own
 * initialisation).
 */
final class InitialWeightsSection {

    private InitialWeightsSection() {}

    static InitialPoints read(SpecNode node) {
        SpecMapping m = node.asMapping("grid", "points", "random");
        String kind = m.exactlyOne("grid", "points", "random");
        return switch (kind) {
            case "grid" -> lattice(m.required("grid"));
            case "points" -> points(m.required("points"));
            default -> random(m.required("random"));
        };
    }

    /** The starting points of {@code model}'s weights. */
    static InitialPoints readForModel(SpecNode node, ModelLoss model) {
        int d = model.dimension();
        SpecMapping m = node.asMapping("zeros", "random", "points");
        String kind = m.exactlyOne("zeros", "random", "points");
        switch (kind) {
            case "zeros": {
                SpecNode zeros = m.required("zeros");
                if (!zeros.asBoolean()) {
                    throw zeros.invalid("must be true (or give random: or points:)");
                }
                return new ZeroPoint(d);
            }
            case "points": {
                InitialPoints points = points(m.required("points"));
                if (points.dimension() != d) {
                    throw m.required("points").error("the model has " + d + " weights, but the points have "
                            + points.dimension() + " coordinates");
                }
                return points;
            }
            default: {
                SpecMapping r = m.required("random").asMapping("count", "distribution", "scale", "seed");
                long count = r.required("count").positiveLong();
                long seed = r.longValue("seed", Defaults.RANDOM_SEED);
                boolean mlp = model instanceof MlpLoss;
                List<String> distributions = mlp ? List.of("default", "normal") : List.of("normal");
                String distribution = r.get("distribution").map(n -> n.choice(distributions, s -> s))
                        .orElse(mlp ? "default" : "normal");
                if (distribution.equals("default")) {
                    if (r.get("scale").isPresent()) {
                        throw r.get("scale").get().error("the default initialisation has its own scale; "
                                + "leave scale out or use distribution: normal");
                    }
                    MlpLoss net = (MlpLoss) model;
                    return new InitializedPoints(count, d, seed, net::initialize,
                            "Glorot/He initialisation (" + net.activation().name().toLowerCase(Locale.ROOT) + ")");
                }
                return new NormalPoints(count, d, r.nonNegativeFinite("scale", 0.01), seed);
            }
        }
    }

    static Map<String, Object> write(InitialPoints points) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> body = new LinkedHashMap<>();
        if (points instanceof Lattice l) {
            body.put("min", SpecWriter.list(l.min()));
            body.put("max", SpecWriter.list(l.max()));
            List<Object> counts = new ArrayList<>();
            for (int c : l.counts()) {
                counts.add(c);
            }
            body.put("count", counts);
            out.put("grid", body);
        } else if (points instanceof RandomPoints r) {
            body.put("count", r.count());
            body.put("min", SpecWriter.list(r.min()));
            body.put("max", SpecWriter.list(r.max()));
            body.put("seed", r.seed());
            out.put("random", body);
        } else if (points instanceof ZeroPoint) {
            out.put("zeros", true);
        } else if (points instanceof NormalPoints n) {
            body.put("count", n.count());
            body.put("distribution", "normal");
            body.put("scale", n.scale());
            body.put("seed", n.seed());
            out.put("random", body);
        } else if (points instanceof InitializedPoints n) {
            body.put("count", n.count());
            body.put("distribution", "default");
            body.put("seed", n.seed());
            out.put("random", body);
        } else if (points instanceof ListedPoints p) {
            List<Object> rows = new ArrayList<>();
            for (double[] point : p.points()) {
                rows.add(SpecWriter.list(point));
            }
            out.put("points", rows);
        } else {
            throw new IllegalArgumentException("cannot write initial points of type " + points.getClass());
        }
        return out;
    }

    private static InitialPoints lattice(SpecNode node) {
        SpecMapping m = node.asMapping("min", "max", "count");
        double[][] box = box(m);
        int d = box[0].length;
        SpecNode countNode = m.required("count");
        int[] counts = new int[d];
        if (countNode.isScalar()) {
            Arrays.fill(counts, countNode.positiveInt());
        } else {
            List<SpecNode> items = countNode.asList();
            if (items.size() != d) {
                throw countNode.error("needs one count per coordinate (" + d + "), got " + items.size());
            }
            for (int j = 0; j < d; j++) {
                counts[j] = items.get(j).positiveInt();
            }
        }
        try {
            return new Lattice(box[0], box[1], counts);
        } catch (ArithmeticException e) {
            throw countNode.error("the lattice has more than 2^63 points");
        }
    }

    private static InitialPoints points(SpecNode node) {
        List<SpecNode> items = node.asList();
        if (items.isEmpty()) {
            throw node.error("needs at least one point");
        }
        double[][] points = new double[items.size()][];
        for (int i = 0; i < points.length; i++) {
            points[i] = items.get(i).finiteVector();
            if (points[i].length != points[0].length) {
                throw items.get(i).error("every point needs the dimension of the first (" + points[0].length
                        + "), got " + points[i].length + " coordinates");
            }
        }
        return new ListedPoints(points);
    }

    private static InitialPoints random(SpecNode node) {
        SpecMapping m = node.asMapping("count", "min", "max", "seed");
        long count = m.required("count").positiveLong();
        double[][] box = box(m);
        return new RandomPoints(count, box[0], box[1], m.longValue("seed", Defaults.RANDOM_SEED));
    }

    /** min and max of a box: finite vectors of one non-zero length, min ≤ max coordinate-wise. */
    private static double[][] box(SpecMapping m) {
        SpecNode minNode = m.required("min");
        SpecNode maxNode = m.required("max");
        double[] min = minNode.finiteVector();
        double[] max = maxNode.finiteVector();
        if (max.length != min.length) {
            throw maxNode.error("needs as many coordinates as min (" + min.length + "), got " + max.length);
        }
        for (int j = 0; j < min.length; j++) {
            if (min[j] > max[j]) {
                throw maxNode.error("coordinate " + j + " must be >= min's (" + min[j] + "), got " + max[j]);
            }
        }
        return new double[][] {min, max};
    }
}
