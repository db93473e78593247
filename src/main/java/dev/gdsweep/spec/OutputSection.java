package dev.gdsweep.spec;

import java.util.Map;
import java.util.Optional;

/** {@code output:} where the report goes: {@code path}, by default {@code reports/<name>}. */
final class OutputSection {

    private OutputSection() {}

    /** The report's path; {@code name} is the sweep's, for the default. */
    static String read(Optional<SpecNode> node, String name) {
        Optional<SpecNode> path = node.flatMap(n -> n.asMapping("path").get("path"));
        if (path.isEmpty()) {
            return Defaults.OUTPUT_PARENT + "/" + name;
        }
        String outputPath = path.get().asString();
        if (outputPath.isBlank()) {
            throw path.get().invalid("must not be empty");
        }
        return outputPath;
    }

    static Map<String, Object> write(String outputPath) {
        return Map.of("path", outputPath);
    }
}
