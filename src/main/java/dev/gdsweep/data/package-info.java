/**
 * Readers for the data sets of the model losses: CSV ({@link dev.gdsweep.data.CsvReader}) and LIBSVM
 * ({@link dev.gdsweep.data.LibsvmReader}) into a {@link dev.gdsweep.loss.model.DenseData}, wrapped in
 * a {@link dev.gdsweep.data.LoadedData} with the counts a user wants to see. Pure Java (no Spark): the
 * caller opens the bytes (any file system) and passes the name to show in messages. Every mistake in
 * a file is a {@link dev.gdsweep.spec.SpecException} whose source is the data file, whose line is the
 * 1-based line in it (0 for the file as a whole), whose key is the column (CSV), {@code feature N} or
 * {@code label} (LIBSVM), and whose problem states the rule and the value, e.g.
 * {@code conf/data/penguins.csv:17: bill_length_mm: not a number, got "abc"}.
 *
 * <h2>CSV</h2>
 * <ul>
 *   <li>UTF-8 (a byte-order mark is skipped; other encodings are an error), RFC 4180: comma-separated,
 *       records end with CRLF, LF or CR; a field in double quotes may hold commas, line breaks and
 *       {@code ""} for a quote; a quote left open at the end of the file is an error at the line
 *       where it opened. Spaces and tabs around a field are dropped, quoted or not; a quote inside an
 *       unquoted field is an ordinary character. Blank lines are skipped anywhere.</li>
 *   <li>The first record is the header: every column needs a name, and names must be distinct. Every
 *       later record must have as many cells as the header.</li>
 *   <li>The label column is required. The features are the columns given, in that order, or, when
 *       none are given, every other column that holds a number, in file order. Every cell of a feature
 *       must be a number or missing: a column with numbers in some rows and text in others is an
 *       error at its first text cell, never left out in silence. Only the columns with no number at
 *       all (text, or nothing but missing values) are left out, and listed in
 *       {@link dev.gdsweep.data.LoadedData#ignoredColumns()}.</li>
 *   <li>A number is decimal: optional sign, digits with an optional point, optional exponent
 *       ({@code 1}, {@code -0.5}, {@code .5}, {@code 1e-3}); it must be finite. {@code Infinity},
 *       hexadecimal, {@code 1d} and thousands separators are not numbers.</li>
 *   <li>A missing value is an empty cell, {@code NA}, {@code NaN} or {@code null}, in any case,
 *       quoted or not. Only the columns used (label and features) count. With
 *       {@link dev.gdsweep.data.DataOptions.Missing#REFUSE} (the default) a row with one fails the
 *       read, naming the first such row and how many there are; with
 *       {@link dev.gdsweep.data.DataOptions.Missing#DROP} such rows are left out and counted.</li>
 *   <li>Regression: the label must be a finite number. Classification: the label is a class, see
 *       below.</li>
 * </ul>
 *
 * <h2>LIBSVM</h2>
 * <ul>
 *   <li>One row per line: {@code label index:value index:value ...}, separated by spaces or tabs;
 *       indexes are 1-based positive integers, strictly increasing within a line; an index not on a
 *       line is a 0 (sparse to dense). The dimension is the one given, or else the largest index in
 *       the file; features are named {@code x1 … xd}.</li>
 *   <li>Everything from a {@code #} to the end of its line is a comment; blank and comment-only lines
 *       are skipped anywhere. The label and every value must be finite numbers (as in CSV); there
 *       are no missing values, so the missing-value policy has no effect.</li>
 * </ul>
 *
 * <h2>Classes</h2>
 * Class c is the c-th class name in {@link java.lang.String#compareTo} order, as {@code DenseData}
 * requires. Only the rows kept count (after dropping rows with missing values), and there must be at
 * least two classes.
 * <ul>
 *   <li>Text labels (some label is not a number): the names are the labels as written (trimmed),
 *       sorted: {@code Adelie, Chinstrap, Gentoo}. {@code "1"} and {@code "1.0"} are then two classes.</li>
 *   <li>Numeric labels (every label is a number; always for LIBSVM): labels of equal value are one
 *       class ({@code 1}, {@code 1.0}, {@code +1}); classes are sorted by value and named by the
 *       value's shortest text ({@code -1}, {@code 0}, {@code 2.5}). When that text does not sort as
 *       the values do ({@code 10} before {@code 2}) and every value is a non-negative integer, the
 *       names are zero-padded to one width ({@code 01, 02, …, 10}), so class c is still the c-th
 *       smallest value; for other values out of string order (say {@code -2, -1, 1}) the classes
 *       follow the string order of their names ({@code -1, -2, 1}).</li>
 * </ul>
 *
 * <h2>Size</h2>
 * The dense result takes m·d·8 + m·8 bytes (features and labels as doubles). Each Spark task runs a
 * whole descent over its own copy of the data, so the data set must fit an executor: a read stops
 * with an error as soon as the rows read so far exceed {@link dev.gdsweep.data.DataOptions#maxBytes()}
 * (the spec's {@code data.max_mb}, default 512 MiB). While reading a CSV with automatic features, d
 * counts the columns that are still all numbers; for LIBSVM, the largest index so far. While it
 * reads, a reader holds up to about three times that (its growing columns and the dense array, then
 * the dense array and the copy {@code DenseData} makes).
 */
package dev.gdsweep.data;
