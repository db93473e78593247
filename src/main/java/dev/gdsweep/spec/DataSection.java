package dev.gdsweep.spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code loss.data:} where a model's data is and how to prepare it: {@code path}, {@code format}
 * (from the file's name unless given), {@code label}, {@code features}, {@code standardize},
 * {@code validation_fraction}, {@code seed}, {@code missing} and {@code max_mb}.
 */
final class DataSection {

    private DataSection() {}

    /** @param regression whether the label is a number (a message about a missing label says "target") */
    static DataSpec read(SpecNode node, boolean regression) {
        SpecMapping m = node.asMapping("path", "format", "label", "features", "standardize",
                "validation_fraction", "seed", "missing", "max_mb");
        SpecNode pathNode = m.required("path");
        String path = pathNode.asString();
        Optional<SpecNode> formatNode = m.get("format");
        DataFormat format = formatNode.isPresent()
                ? formatNode.get().choice(Arrays.asList(DataFormat.values()), DataFormat::label)
                : DataFormat.ofFileName(path).orElseThrow(() -> pathNode.invalid(
                        "cannot tell the format from the file name; give format: csv, libsvm or parquet"));
        String label = m.get("label").map(SpecNode::asString).orElse(null);
        if (label == null && format != DataFormat.LIBSVM) {
            throw node.error("missing required key 'label' (the " + format.label() + " column holding the "
                    + (regression ? "target" : "class") + ")");
        }
        List<String> features = null;
        Optional<SpecNode> featuresNode = m.get("features");
        if (featuresNode.isPresent()) {
            if (format == DataFormat.LIBSVM) {
                throw featuresNode.get().error("a LIBSVM file has no column names; leave features out");
            }
            features = new ArrayList<>();
            for (SpecNode f : featuresNode.get().asList()) {
                features.add(f.asString());
            }
            if (features.isEmpty()) {
                throw featuresNode.get().error("needs at least one feature");
            }
        }
        boolean standardize = m.get("standardize").map(SpecNode::asBoolean).orElse(false);
        double validation = 0;
        Optional<SpecNode> validationNode = m.get("validation_fraction");
        if (validationNode.isPresent()) {
            validation = validationNode.get().asDouble();
            if (!(validation >= 0 && validation < 1)) {
                throw validationNode.get().invalid("must be >= 0 and < 1");
            }
        }
        long seed = m.longValue("seed", 1L);
        boolean drop = m.get("missing").map(n -> n.choice(List.of(false, true), DataSection::missing)).orElse(false);
        long maxMb = m.positiveLong("max_mb", 512);
        return new DataSpec(path, format, label, features, standardize, validation, seed, drop, maxMb);
    }

    static Map<String, Object> write(DataSpec data) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("path", data.path());
        d.put("format", data.format().label());
        if (data.label() != null) {
            d.put("label", data.label());
        }
        if (data.features() != null) {
            d.put("features", data.features());
        }
        d.put("standardize", data.standardize());
        d.put("validation_fraction", data.validationFraction());
        d.put("seed", data.seed());
        d.put("missing", missing(data.dropMissing()));
        d.put("max_mb", data.maxMb());
        return d;
    }

    /** What a row with a missing value does: {@code refuse} the file or {@code drop} the row. */
    private static String missing(boolean drop) {
        return drop ? "drop" : "refuse";
    }
}
