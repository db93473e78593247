package dev.gdsweep.store;

/** Names of the parts of a report directory. */
public final class ReportLayout {

    public static final String RUNS = "runs";
    public static final String SUMMARY = "summary";
    public static final String TRAJECTORIES = "trajectories";
    /** What the refinement of the learning-rate axis found: per configuration and start, and per configuration. */
    public static final String REFINEMENT = "refinement";
    public static final String REFINEMENT_SUMMARY = "refinement_summary";
    /** The reference optima of a convex model's objective, one row per loss setting. */
    public static final String REFERENCE = "reference";
    public static final String SPEC = "spec.yaml";
    /** Completeness and provenance: see {@link ReportInfo}. */
    public static final String INFO = "report.yaml";
    /** Written last: its presence says the report is complete. */
    public static final String SUCCESS = "_SUCCESS";
    /** One commit marker per chunk whose runs are in {@code runs/}. */
    public static final String CHUNKS = "_chunks";
    /** The page {@code html.HtmlReport} writes, and the folder of its pictures. */
    public static final String HTML = "report.html";
    public static final String IMAGES = "report-images";

    private ReportLayout() {}
}
