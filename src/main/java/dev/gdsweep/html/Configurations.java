package dev.gdsweep.html;

import dev.gdsweep.report.SummaryRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Grouping by configuration, in the summary's order (then any configuration only the runs name). */
final class Configurations {

    private Configurations() {}

    static List<String> names(ReportData d) {
        LinkedHashMap<String, Boolean> names = new LinkedHashMap<>();
        for (SummaryRow r : d.summary()) {
            names.putIfAbsent(r.configuration(), Boolean.TRUE);
        }
        for (RunPoint p : d.runs()) {
            names.putIfAbsent(p.configuration(), Boolean.TRUE);
        }
        return new ArrayList<>(names.keySet());
    }

    static Map<String, List<RunPoint>> runs(ReportData d) {
        Map<String, List<RunPoint>> groups = new LinkedHashMap<>();
        for (String name : names(d)) {
            groups.put(name, new ArrayList<>());
        }
        for (RunPoint p : d.runs()) {
            groups.get(p.configuration()).add(p);
        }
        groups.values().removeIf(List::isEmpty);
        return groups;
    }

    /** Whether two learning rates are the same rate (equal up to rounding). */
    static boolean sameRate(double a, double b) {
        return a == b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
    }
}
