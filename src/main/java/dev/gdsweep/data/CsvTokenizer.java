package dev.gdsweep.data;

import dev.gdsweep.spec.SpecException;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * Splits CSV text into records (RFC 4180): fields separated by commas; records ended by CRLF, LF or
 * a lone CR; a field in double quotes may hold commas, line breaks and doubled quotes ({@code ""}
 * for one {@code "}). Beyond the RFC: spaces and tabs around a field (quoted or not) are dropped; a
 * quote inside an unquoted field is kept as it is; blank records (nothing but spaces and tabs) are
 * skipped; a byte-order mark at the start is skipped. One String per field; no other per-field
 * object.
 *
 * <p>Why not Apache Commons CSV: its parse errors are an IOException naming a line and a character
 * offset, not the field's column, and its records know only the line they start on, while a message here
 * names the line where the field (or its open quote) starts and the column it belongs to.
 */
final class CsvTokenizer {

    private static final int EOF = -1;

    private final Reader in;
    private final String source;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private boolean atStart = true;
    private final StringBuilder field = new StringBuilder();

    /** 1-based line of the next character. */
    private int line = 1;

    private String[] fields = new String[16];
    private int[] fieldLines = new int[16];
    private int count;
    private int recordLine;
    private String[] columnNames;

    CsvTokenizer(Reader in, String source) {
        this.in = in;
        this.source = source;
    }

    /** Names the columns in messages about quoting (the header, once read). */
    void columnNames(String[] names) {
        this.columnNames = names;
    }

    /** Fields of the current record. */
    int fieldCount() {
        return count;
    }

    /** Field i of the current record, trimmed of spaces and tabs. */
    String field(int i) {
        return fields[i];
    }

    /** The line where field i starts. */
    int fieldLine(int i) {
        return fieldLines[i];
    }

    /** The line where the current record starts. */
    int recordLine() {
        return recordLine;
    }

    /** Reads the next record that is not blank; false at the end of the input. */
    boolean next() throws IOException {
        while (true) {
            int c = read();
            if (c == EOF) {
                return false;
            }
            count = 0;
            recordLine = line;
            boolean blank = true;
            while (true) {
                int startLine = line;
                field.setLength(0);
                while (c == ' ' || c == '\t') {
                    c = read();
                }
                if (c == '"') {
                    blank = false;
                    c = readQuoted(startLine);
                    while (c == ' ' || c == '\t') {
                        c = read();
                    }
                    if (c != ',' && c != '\n' && c != '\r' && c != EOF) {
                        throw new SpecException(source, line, columnName(count), "unexpected "
                                + Cells.quote(String.valueOf((char) c)) + " after the closing quote of a quoted field"
                                + " (a quote inside quotes is written as two quotes, \"\")");
                    }
                } else {
                    while (c != ',' && c != '\n' && c != '\r' && c != EOF) {
                        field.append((char) c);
                        c = read();
                    }
                }
                add(startLine);
                if (c == ',') {
                    blank = false;
                    c = read();
                    continue;
                }
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                if (c != EOF) {
                    line++;
                }
                break;
            }
            if (count == 1 && blank && fields[0].isEmpty()) {
                continue;
            }
            return true;
        }
    }

    /** Reads a quoted field after its opening quote; returns the character after the closing one. */
    private int readQuoted(int openLine) throws IOException {
        while (true) {
            int c = read();
            if (c == EOF) {
                throw new SpecException(source, openLine, columnName(count),
                        "unterminated quoted field: the file ends inside the quotes opened on this line");
            }
            if (c == '"') {
                c = read();
                if (c != '"') {
                    return c;
                }
            } else if (c == '\r') {
                if (peek() == '\n') {
                    field.append('\r');
                    c = read();
                }
                line++;
            } else if (c == '\n') {
                line++;
            }
            field.append((char) c);
        }
    }

    private void add(int startLine) {
        if (count == fields.length) {
            fields = Arrays.copyOf(fields, count * 2);
            fieldLines = Arrays.copyOf(fieldLines, count * 2);
        }
        int start = 0;
        int end = field.length();
        while (start < end && isBlank(field.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(field.charAt(end - 1))) {
            end--;
        }
        fields[count] = field.substring(start, end);
        fieldLines[count] = startLine;
        count++;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private String columnName(int column) {
        return columnNames != null && column < columnNames.length ? columnNames[column] : null;
    }

    private int read() throws IOException {
        if (pos == len && !fill()) {
            return EOF;
        }
        return buf[pos++];
    }

    private int peek() throws IOException {
        if (pos == len && !fill()) {
            return EOF;
        }
        return buf[pos];
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            len = 0;
            pos = 0;
            return false;
        }
        pos = 0;
        len = n;
        if (atStart) {
            atStart = false;
            if (buf[0] == '\uFEFF') {
                pos = 1;
                return len > 1 || fill();
            }
        }
        return true;
    }
}
