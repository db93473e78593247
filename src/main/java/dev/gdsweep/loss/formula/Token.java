package dev.gdsweep.loss.formula;

/**
 * One lexeme of a formula.
 *
 * @param kind what it is
 * @param text its characters as written (empty at the end)
 * @param column 1-based column of its first character
 * @param number the value of a {@link Kind#NUMBER}, otherwise 0
 */
record Token(Kind kind, String text, int column, double number) {

    enum Kind {
        NUMBER, NAME, PLUS, MINUS, STAR, SLASH, CARET, LEFT_PAREN, RIGHT_PAREN, COMMA, END
    }

    /** Whether this token can begin an operand: after another operand it means a missing operator. */
    boolean startsOperand() {
        return kind == Kind.NUMBER || kind == Kind.NAME || kind == Kind.LEFT_PAREN;
    }

    /** The token as named in an error message. */
    String describe() {
        return kind == Kind.END ? "the end of the formula" : "'" + text + "'";
    }
}
