package dev.gdsweep.loss.formula;

import dev.gdsweep.loss.formula.Token.Kind;

/** Splits a formula into tokens on demand, so that errors are reported left to right. */
final class Lexer {

    private final String text;
    private int pos;

    Lexer(String text) {
        this.text = text;
    }

    Token next() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        if (pos == text.length()) {
            return new Token(Kind.END, "", pos + 1, 0);
        }
        char c = text.charAt(pos);
        if (isDigit(c) || c == '.') {
            return number();
        }
        if (isNameStart(c)) {
            int start = pos;
            while (pos < text.length() && isNamePart(text.charAt(pos))) {
                pos++;
            }
            return new Token(Kind.NAME, text.substring(start, pos), start + 1, 0);
        }
        Kind kind = switch (c) {
            case '+' -> Kind.PLUS;
            case '-' -> Kind.MINUS;
            case '*' -> Kind.STAR;
            case '/' -> Kind.SLASH;
            case '^' -> Kind.CARET;
            case '(' -> Kind.LEFT_PAREN;
            case ')' -> Kind.RIGHT_PAREN;
            case ',' -> Kind.COMMA;
            default -> throw error(pos + 1, "unexpected character " + describe(c));
        };
        pos++;
        return new Token(kind, String.valueOf(c), pos, 0);
    }

    /** digits [. [digits]] [exponent] or . digits [exponent]; the shape is checked here, not by parseDouble. */
    private Token number() {
        int start = pos;
        skipDigits();
        if (peek() == '.') {
            pos++;
            int fraction = pos;
            skipDigits();
            if (pos == fraction && fraction == start + 1) {
                throw error(pos + 1, "expected a digit after '.'");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error(pos + 1, "expected a digit in the exponent of '" + text.substring(start, pos) + "'");
            }
            skipDigits();
        }
        String lexeme = text.substring(start, pos);
        if (peek() == '.') {
            // "1.2.3" is a typo, not the two numbers 1.2 and .3.
            throw error(pos + 1, "unexpected '.' after the number '" + lexeme + "'");
        }
        double value = Double.parseDouble(lexeme);
        if (Double.isInfinite(value)) {
            throw error(start + 1, "the number '" + lexeme + "' is too large");
        }
        return new Token(Kind.NUMBER, lexeme, start + 1, value);
    }

    private void skipDigits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    /** The current character, or NUL at the end (which matches none of the tests above). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private FormulaParseException error(int column, String message) {
        return new FormulaParseException(text, column, message);
    }

    private static String describe(char c) {
        return Character.isISOControl(c) || Character.isSpaceChar(c)
                ? String.format("U+%04X", (int) c)
                : "'" + c + "'";
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static boolean isNamePart(char c) {
        return isNameStart(c) || isDigit(c);
    }
}
