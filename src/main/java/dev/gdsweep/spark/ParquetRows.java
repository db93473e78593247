package dev.gdsweep.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * A Parquet file (or a directory of part files) as a CSV stream: a header of the column names, then
 * one line per row, numbers written exactly (Double.toString round-trips) and nulls as empty cells.
 * Streaming, so only one row is in memory beyond what the reader keeps. In error messages, line N of
 * this stream is row N − 1 of the data.
 */
final class ParquetRows extends InputStream {

    private final ParquetReader<Group> reader;
    private byte[] buffer = new byte[0];
    private int position;
    private boolean headerWritten;
    private boolean done;

    private ParquetRows(ParquetReader<Group> reader) {
        this.reader = reader;
    }

    static InputStream asCsv(Path path, Configuration conf) throws IOException {
        return new ParquetRows(ParquetReader.builder(new GroupReadSupport(), path).withConf(conf).build());
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, buffer.length - position);
        System.arraycopy(buffer, position, b, off, n);
        position += n;
        return n;
    }

    private boolean fill() throws IOException {
        while (position >= buffer.length) {
            if (done) {
                return false;
            }
            Group row = reader.read();
            if (row == null) {
                done = true;
                if (!headerWritten) {
                    return false; // an empty file: the CSV reader reports it
                }
                continue;
            }
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            if (!headerWritten) {
                GroupType type = row.getType();
                for (int i = 0; i < type.getFieldCount(); i++) {
                    cell(line, i, type.getFieldName(i));
                }
                line.write('\n');
                headerWritten = true;
            }
            GroupType type = row.getType();
            for (int i = 0; i < type.getFieldCount(); i++) {
                cell(line, i, value(row, i, type.getType(i)));
            }
            line.write('\n');
            buffer = line.toByteArray();
            position = 0;
        }
        return true;
    }

    private static String value(Group row, int field, Type type) {
        if (row.getFieldRepetitionCount(field) == 0) {
            return "";
        }
        if (!type.isPrimitive()) {
            return row.getGroup(field, 0).toString();
        }
        PrimitiveType.PrimitiveTypeName kind = type.asPrimitiveType().getPrimitiveTypeName();
        return switch (kind) {
            case DOUBLE -> Double.toString(row.getDouble(field, 0));
            case FLOAT -> Float.toString(row.getFloat(field, 0));
            case INT32 -> Integer.toString(row.getInteger(field, 0));
            case INT64 -> Long.toString(row.getLong(field, 0));
            case BOOLEAN -> Boolean.toString(row.getBoolean(field, 0));
            default -> row.getValueToString(field, 0);
        };
    }

    private static void cell(ByteArrayOutputStream out, int index, String text) {
        if (index > 0) {
            out.write(',');
        }
        byte[] quoted = ('"' + text.replace("\"", "\"\"") + '"').getBytes(StandardCharsets.UTF_8);
        out.write(quoted, 0, quoted.length);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
