package dev.gdsweep.spec;

/**
 * A mistake in a sweep spec or a command-line override, located as precisely as the input allows.
 * The message reads {@code source:line: key: what is wrong}; it is meant for the user as it is. Names
 * and values from the input are shown on one line ({@link #oneLine}): the source and the key here, a
 * value where the problem quotes it; a problem may lay out lines of its own (a formula and a caret
 * under the mistake).
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
            sb.append(oneLine(source));
            if (line > 0) {
                sb.append(':').append(line);
            }
            sb.append(": ");
        }
        if (key != null && !key.isEmpty()) {
            sb.append(oneLine(key)).append(": ");
        }
        return sb.append(problem).toString();
    }

    /** {@code text} from the input on one line: line breaks shown as {@code \n}, {@code \r} (and U+2028, U+2029, U+0085 as escapes). */
    public static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String shown = switch (c) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\u0085', '\u2028', '\u2029' -> String.format("\\u%04X", (int) c);
                default -> null;
            };
            if (shown != null && sb == null) {
                sb = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (sb != null) {
                if (shown != null) {
                    sb.append(shown);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? text : sb.toString();
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
