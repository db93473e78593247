package dev.gdsweep.loss.formula;

/**
 * A formula that does not parse, located by a 1-based column of its text.
 *
 * <p>{@link #getMessage()} is meant for the user as it is: the problem, the column, then the formula
 * on one line with a caret under that column, e.g.
 *
 * <pre>
 * expected ')' at column 23
 *   (a - x)^2 + b*(y - x^2
 *                         ^
 * </pre>
 *
 * A column one past the end of the text means the formula ended too early. Line breaks and tabs in
 * the formula are shown as spaces so that the caret lines up; a long formula is shown as an excerpt
 * around the column.
 */
public final class FormulaParseException extends IllegalArgumentException {

    /** Formulas longer than this are shown as an excerpt of about this width around the column. */
    private static final int EXCERPT_WIDTH = 80;
    private static final String ELLIPSIS = "...";

    private final String formula;
    private final int column;
    private final String message;

    FormulaParseException(String formula, int column, String message) {
        super(render(formula, column, message));
        this.formula = formula;
        this.column = column;
        this.message = message;
    }

    /** The text that failed to parse. */
    public String formula() {
        return formula;
    }

    /** 1-based column of the problem; {@code formula().length() + 1} when the formula ended too early. */
    public int column() {
        return column;
    }

    /** What is wrong, without the position, e.g. {@code expected ')'}. */
    public String message() {
        return message;
    }

    private static String render(String formula, int column, String message) {
        String line = oneLine(formula);
        int caret = column - 1;
        int length = line.length();
        if (length > EXCERPT_WIDTH) {
            int start = Math.max(0, Math.min(caret - EXCERPT_WIDTH / 2, length - EXCERPT_WIDTH));
            int end = start + EXCERPT_WIDTH;
            String prefix = start > 0 ? ELLIPSIS : "";
            line = prefix + line.substring(start, end) + (end < length ? ELLIPSIS : "");
            caret = caret - start + prefix.length();
        }
        return message + " at column " + column + "\n  " + line + "\n  " + " ".repeat(caret) + "^";
    }

    /** Whitespace and control characters as spaces: one char per column, so the caret lines up. */
    private static String oneLine(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (Character.isWhitespace(chars[i]) || Character.isISOControl(chars[i])) {
                chars[i] = ' ';
            }
        }
        return new String(chars);
    }
}
