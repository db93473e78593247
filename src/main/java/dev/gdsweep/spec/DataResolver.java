package dev.gdsweep.spec;

/**
 * Loads a model's data for the spec loader: on the driver from the file (through whatever file system
 * the path names), on an executor from the copy the driver broadcast.
 */
@FunctionalInterface
public interface DataResolver {

    /**
     * @param classification whether labels are classes (mapped to 0..K−1) or regression targets
     * @throws SpecException for a missing or malformed file, naming file, line and column
     */
    ModelData load(DataSpec spec, boolean classification, String source, int line);

    /** For specs without a model: any attempt to load data is a bug. */
    DataResolver NONE = (spec, classification, source, line) -> {
        throw new SpecException(source, line, "loss.data", "data sets are not available here");
    };
}
