package dev.gdsweep.spark;

import dev.gdsweep.spec.SpecException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * A Parquet file (or a directory of part files, read in name order) as a CSV stream: a header of the
 * column names, then one line per row, numbers written exactly (Double.toString round-trips) and nulls
 * as empty cells. Streaming, so only one row is in memory beyond what the reader keeps. In error
 * messages, line N of this stream is row N − 1 of the data.
 *
 * <p>A file that is not Parquet, truncated or damaged is the user's input, not a failure of the tool:
 * each is a {@link SpecException} naming the file (the part file, in a directory) and saying what is
 * wrong in words. Its frame is checked first (the marker {@code PAR1} at both ends and a footer length
 * that fits the file), since the Parquet reader's own errors for it ("footer is too large:
 * 2585528320to be read", "Socket is closed by peer") name neither the file nor the problem.
 */
final class ParquetRows extends InputStream {

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    /** A part file and its name in messages. */
    private record Part(Path path, String name) {}

    private final List<Part> parts;
    private final Configuration conf;
    private int nextPart;
    private ParquetReader<Group> reader;
    private List<String> columns;
    private byte[] buffer = new byte[0];
    private int position;
    private boolean done;

    private ParquetRows(List<Part> parts, Configuration conf) {
        this.parts = parts;
        this.conf = conf;
    }

    /**
     * The rows of the Parquet file or directory {@code path} as CSV, {@code source} naming it in
     * messages; every part file's frame and footer are checked before any row is read.
     */
    static InputStream asCsv(Path path, String source, Configuration conf) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        List<Part> parts = new ArrayList<>();
        if (fs.getFileStatus(path).isDirectory()) {
            String base = source.endsWith("/") ? source : source + "/";
            FileStatus[] files = fs.listStatus(path, p -> !p.getName().startsWith("_") && !p.getName().startsWith("."));
            Arrays.sort(files, Comparator.comparing(f -> f.getPath().getName()));
            for (FileStatus f : files) {
                if (f.isFile()) {
                    parts.add(new Part(f.getPath(), base + f.getPath().getName()));
                }
            }
            if (parts.isEmpty()) {
                throw new SpecException(source, 0, null, "no Parquet files in this directory");
            }
        } else {
            parts.add(new Part(path, source));
        }
        for (Part part : parts) {
            checkFrame(fs, part);
            try (ParquetFileReader footer = ParquetFileReader.open(HadoopInputFile.fromPath(part.path(), conf))) {
                footer.getFooter();
            } catch (IOException | RuntimeException e) {
                throw undecodable(part, "its metadata (the footer)", e);
            }
        }
        return new ParquetRows(parts, conf);
    }

    /** The marker PAR1 at both ends, and a footer (the file's metadata) no longer than the file. */
    private static void checkFrame(FileSystem fs, Part part) throws IOException {
        long length = fs.getFileStatus(part.path()).getLen();
        if (length == 0) {
            throw notParquet(part, "it is empty");
        }
        if (length < 3L * MAGIC.length) {
            throw notParquet(part, "it is " + length + " bytes long, shorter than any Parquet file");
        }
        byte[] head = new byte[MAGIC.length];
        byte[] tail = new byte[8];
        try (FSDataInputStream in = fs.open(part.path())) {
            in.readFully(0, head);
            in.readFully(length - tail.length, tail);
        }
        boolean starts = Arrays.equals(head, MAGIC);
        boolean ends = Arrays.equals(tail, 4, 8, MAGIC, 0, 4);
        if (!starts && !ends) {
            throw notParquet(part, "it does not start and end with the Parquet marker PAR1");
        }
        if (!ends) {
            throw damaged(part, "it starts with the Parquet marker PAR1 but does not end with it, so it is truncated"
                    + " (copied or downloaded in part?)");
        }
        if (!starts) {
            throw damaged(part, "it ends with the Parquet marker PAR1 but does not start with it");
        }
        long footer = ByteBuffer.wrap(tail, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
        if (footer > length - 3L * MAGIC.length) {
            throw damaged(part, "its footer says it holds " + footer + " bytes of metadata, but the file has "
                    + length + " bytes");
        }
    }

    private static SpecException notParquet(Part part, String why) {
        return new SpecException(part.name(), 0, null, "not a Parquet file: " + why);
    }

    private static SpecException damaged(Part part, String why) {
        return new SpecException(part.name(), 0, null, "damaged Parquet file: " + why);
    }

    /** What the Parquet reader threw, in words, with its own message (first line) after them. */
    private static SpecException undecodable(Part part, String what, Exception e) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getMessage().lines().findFirst().orElse("").strip();
        return damaged(part, what + " cannot be decoded (" + detail + ")");
    }

    /** The next row of the current part, opening the parts in turn; null after the last. */
    private Group nextRow() {
        while (true) {
            if (reader == null) {
                if (nextPart == parts.size()) {
                    return null;
                }
                Part part = parts.get(nextPart++);
                try {
                    reader = ParquetReader.builder(new GroupReadSupport(), part.path()).withConf(conf).build();
                } catch (IOException | RuntimeException e) {
                    throw undecodable(part, "its metadata (the footer)", e);
                }
            }
            Part part = parts.get(nextPart - 1);
            Group row;
            try {
                row = reader.read();
            } catch (IOException | RuntimeException e) {
                throw undecodable(part, "its rows", e);
            }
            if (row != null) {
                return row;
            }
            closeReader();
        }
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
            Group row = nextRow();
            if (row == null) {
                done = true;
                if (columns == null) {
                    return false; // no rows: the CSV reader reports an empty file
                }
                continue;
            }
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            GroupType type = row.getType();
            List<String> names = type.getFields().stream().map(Type::getName).toList();
            if (columns == null) {
                for (int i = 0; i < names.size(); i++) {
                    cell(line, i, names.get(i));
                }
                line.write('\n');
                columns = names;
            } else if (!names.equals(columns)) {
                throw new SpecException(parts.get(nextPart - 1).name(), 0, null, "its columns " + names + " are not those of the first"
                        + " Parquet file in the directory, " + columns);
            }
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

    private void closeReader() {
        try {
            reader.close();
        } catch (IOException e) {
            // Every row of the part was read; a failure to release it changes nothing read.
        }
        reader = null;
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
