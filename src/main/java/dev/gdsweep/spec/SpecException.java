package dev.gdsweep.spec;

/**
 * A mistake in a sweep spec or a command-line override, located as precisely as the input allows.
 * The message reads {@code source:line: key: what is wrong}; it is meant for the user as it is.
 */
public final class SpecException extends RuntimeException {

    private final String source;
    private final int line;
    private final String key;
    private final String problem;

    /**
     * @param source the spec file, or the {@code --set} expression the value came from
     * @param line 1-based line, or 0 when there is none
     * @param key the dotted key path, or {@code null} for the whole document
     * @param problem what is wrong: the rule and the bad value
     */
    public SpecException(String source, int line, String key, String problem) {
        super(format(source, line, key, problem));
        this.source = source;
        this.line = line;
        this.key = key;
        this.problem = problem;
    }

    private static String format(String source, int line, String key, String problem) {
        StringBuilder sb = new StringBuilder();
        if (source != null) {
            sb.append(source);
            if (line > 0) {
                sb.append(':').append(line);
            }
            sb.append(": ");
        }
        if (key != null && !key.isEmpty()) {
            sb.append(key).append(": ");
        }
        return sb.append(problem).toString();
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public String key() {
        return key;
    }

    public String problem() {
        return problem;
    }
}
