package dev.gdsweep.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Numbers the classes of a classification label. {@link dev.gdsweep.loss.model.DenseData} wants class c to be the c-th
 * class name in {@link String#compareTo} order; this class chooses the names:
 * <ul>
 *   <li>text labels: the names are the labels, sorted;</li>
 *   <li>numeric labels (every label used is a number, see {@link Cells#parseNumber}): labels with the
 *       same value are one class ({@code 1}, {@code 1.0} and {@code +1}); classes are sorted by value
 *       and named by the value's shortest text ({@code 1}, {@code -1}, {@code 0.5}). When those names
 *       are not in string order too ({@code 10} sorts before {@code 2}) and every value is a
 *       non-negative integer, they are zero-padded to one width ({@code 01 … 10}), which keeps class c
 *       the c-th smallest value; otherwise (negative or fractional values out of string order, e.g.
 *       {@code -2 -1 1}) the classes follow the string order of their names.</li>
 * </ul>
 *
 * @param names the class names, strictly ascending
 * @param classOf for each distinct label (in the caller's numbering), its class index, or −1 when
 *     the label is not used
 */
record ClassLabels(List<String> names, int[] classOf) {

    /** Class name → index, in index order. */
    Map<String, Integer> index() {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int c = 0; c < names.size(); c++) {
            map.put(names.get(c), c);
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * @param texts the distinct label texts, numbered by their position
     * @param used which of them occur in the rows kept
     */
    static ClassLabels ofTexts(List<String> texts, boolean[] used) {
        double[] values = new double[texts.size()];
        boolean numeric = true;
        for (int i = 0; i < values.length && numeric; i++) {
            if (used[i]) {
                values[i] = Cells.parseNumber(texts.get(i));
                numeric = Double.isFinite(values[i]);
            }
        }
        if (numeric) {
            return ofValues(values, used);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            if (used[i]) {
                names.add(texts.get(i));
            }
        }
        Collections.sort(names);
        int[] classOf = new int[texts.size()];
        for (int i = 0; i < classOf.length; i++) {
            classOf[i] = used[i] ? Collections.binarySearch(names, texts.get(i)) : -1;
        }
        return new ClassLabels(List.copyOf(names), classOf);
    }

    /**
     * @param values the distinct (or not) label values, numbered by their position; finite
     * @param used which of them occur in the rows kept
     */
    static ClassLabels ofValues(double[] values, boolean[] used) {
        TreeMap<Double, Integer> classOfValue = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            if (used[i]) {
                classOfValue.put(values[i] + 0.0, 0); // + 0.0: -0.0 is 0
            }
        }
        List<Double> sorted = new ArrayList<>(classOfValue.keySet());
        List<String> names = new ArrayList<>(sorted.size());
        boolean nonNegativeIntegers = true;
        for (double v : sorted) {
            names.add(shortText(v));
            nonNegativeIntegers &= v >= 0 && v == Math.rint(v) && v < 1e15;
        }
        if (!ascending(names)) {
            if (nonNegativeIntegers) {
                int width = 0;
                for (String name : names) {
                    width = Math.max(width, name.length());
                }
                for (int c = 0; c < names.size(); c++) {
                    names.set(c, "0".repeat(width - names.get(c).length()) + names.get(c));
                }
            } else {
                Integer[] order = new Integer[names.size()];
                for (int c = 0; c < order.length; c++) {
                    order[c] = c;
                }
                List<String> byValue = List.copyOf(names);
                Arrays.sort(order, Comparator.comparing(byValue::get));
                List<Double> resorted = new ArrayList<>();
                names.clear();
                for (int c : order) {
                    resorted.add(sorted.get(c));
                    names.add(byValue.get(c));
                }
                sorted = resorted;
            }
        }
        for (int c = 0; c < sorted.size(); c++) {
            classOfValue.put(sorted.get(c), c);
        }
        int[] classOf = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            classOf[i] = used[i] ? classOfValue.get(values[i] + 0.0) : -1;
        }
        return new ClassLabels(List.copyOf(names), classOf);
    }

    /** {@code 1} for 1.0, {@code -3} for −3, {@code 0.5}, {@code 1.0E-5}: the shortest round-trip text. */
    static String shortText(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static boolean ascending(List<String> names) {
        for (int c = 1; c < names.size(); c++) {
            if (names.get(c - 1).compareTo(names.get(c)) >= 0) {
                return false;
            }
        }
        return true;
    }
}
