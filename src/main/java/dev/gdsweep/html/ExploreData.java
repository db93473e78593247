package dev.gdsweep.html;

import dev.gdsweep.engine.Status;
import dev.gdsweep.report.Recommendation;
import java.awt.Color;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The data behind the page's "Explore the runs" section, as one JSON document embedded in the page
 * ({@code <script type="application/json">}) and read by {@code report.js}.
 *
 * <p>The page must stay light for a sweep of a million runs, so at most {@link #MAX_RUNS} runs are
 * embedded: a deterministic sample ({@link #sample}) that keeps every recorded run (so a path can be
 * shown) and every status present, each status in proportion. A run costs about 80 bytes (numbers to
 * {@link #DIGITS} significant digits, at most {@link #COORDINATES} coordinates of its start and end), so
 * the runs take at most about 1.6 MB; recorded paths (2-D losses only, for the basin map) are thinned to
 * {@link #PATH_POINTS} points in all, about 1 MB more.
 *
 * <p>The JSON is safe inside a script element: every {@code <}, {@code >}, {@code &} and the line
 * separators U+2028 and U+2029 in a string are written as {@code \}{@code uXXXX} escapes, and numbers
 * hold none of them, so the text can never contain {@code </script}.
 */
final class ExploreData {

    /** Runs embedded at most. */
    static final int MAX_RUNS = 20_000;
    /** Points of the recorded paths embedded at most, in all. */
    static final int PATH_POINTS = 60_000;
    /** Points of one path embedded at most. */
    static final int POINTS_PER_PATH = 600;
    /** Coordinates of a start and an end point embedded at most (the tooltip shows them). */
    static final int COORDINATES = 3;
    /** Significant digits of the losses and weights. */
    static final int DIGITS = 6;
    /** Runs of a status kept at least (all of them when there are fewer), however rare it is. */
    static final int STATUS_FLOOR = 50;

    private ExploreData() {}

    /**
     * At most {@code max} of {@code runs}: all of them when there are no more; else every run in
     * {@code keep} (up to a quarter of {@code max}), then per status a share in proportion to its
     * count but at least {@link #STATUS_FLOOR} (or all of it), each chosen by {@link Sampling#sample}
     * (by run id, so the same runs give the same sample in any order). Returned in run-id order.
     */
    static List<RunPoint> sample(List<RunPoint> runs, Set<Long> keep, int max) {
        if (runs.size() <= max) {
            return runs.stream().sorted(java.util.Comparator.comparingLong(RunPoint::runId)).toList();
        }
        List<RunPoint> kept = new ArrayList<>();
        Map<Status, List<RunPoint>> byStatus = new EnumMap<>(Status.class);
        for (RunPoint p : runs) {
            if (keep.contains(p.runId()) && kept.size() < max / 4) {
                kept.add(p);
            } else {
                byStatus.computeIfAbsent(p.status(), k -> new ArrayList<>()).add(p);
            }
        }
        int budget = max - kept.size();
        long rest = runs.size() - kept.size();
        Map<Status, Integer> quota = new EnumMap<>(Status.class);
        int sum = 0;
        for (Map.Entry<Status, List<RunPoint>> e : byStatus.entrySet()) {
            int n = e.getValue().size();
            int q = (int) Math.max(Math.min(n, STATUS_FLOOR), Math.floor(budget * (double) n / rest));
            quota.put(e.getKey(), q);
            sum += q;
        }
        // The floors may overshoot the budget: take the excess from the largest shares, never below a floor.
        while (sum > budget) {
            Status largest = null;
            for (Map.Entry<Status, Integer> e : quota.entrySet()) {
                int floor = Math.min(byStatus.get(e.getKey()).size(), STATUS_FLOOR);
                if (e.getValue() > floor && (largest == null || e.getValue() > quota.get(largest))) {
                    largest = e.getKey();
                }
            }
            if (largest == null) {
                break;
            }
            int cut = Math.min(sum - budget, quota.get(largest) - Math.min(byStatus.get(largest).size(), STATUS_FLOOR));
            quota.put(largest, quota.get(largest) - cut);
            sum -= cut;
        }
        for (Map.Entry<Status, List<RunPoint>> e : byStatus.entrySet()) {
            kept.addAll(Sampling.sample(e.getValue(), RunPoint::runId, quota.get(e.getKey())));
        }
        kept.sort(java.util.Comparator.comparingLong(RunPoint::runId));
        return kept;
    }

    /**
     * The JSON document of {@code d}: {@code total} runs in the sweep (the grid's), of which {@code runs}
     * are embedded.
     */
    static String json(ReportData d, long total) {
        Set<Long> recorded = d.dimension() == 2 ? d.trajectories().keySet() : Set.of();
        List<RunPoint> runs = sample(d.runs(), recorded, MAX_RUNS);

        List<String> configurations = new ArrayList<>(new java.util.LinkedHashSet<>(
                d.runs().stream().map(RunPoint::configuration).toList()));
        Map<String, Integer> configurationIndex = index(configurations);
        TreeSet<Double> rateSet = new TreeSet<>();
        runs.forEach(p -> rateSet.add(p.learningRate()));
        d.modelRates().forEach(m -> rateSet.add(m.learningRate()));
        List<Double> rates = new ArrayList<>(rateSet);
        Map<Double, Integer> rateIndex = index(rates);
        List<String> statuses = Palette.STATUS_ORDER.stream().map(Status::name).toList();
        Map<String, Integer> basinColours = new LinkedHashMap<>();

        StringBuilder out = new StringBuilder(256 + runs.size() * 96);
        out.append("{\"total\":").append(Math.max(total, d.runs().size()));
        out.append(",\"shown\":").append(runs.size());
        out.append(",\"dimension\":").append(d.dimension());
        out.append(",\"coordinates\":").append(Math.min(d.dimension(), COORDINATES));
        out.append(",\"configurations\":");
        strings(out, configurations);
        out.append(",\"rates\":[");
        for (int i = 0; i < rates.size(); i++) {
            out.append(i == 0 ? "" : ",").append(rates.get(i));
        }
        out.append("],\"rateLabels\":");
        strings(out, rates.stream().map(Fmt::rate).toList());
        out.append(",\"statuses\":");
        strings(out, statuses);
        out.append(",\"statusColours\":");
        strings(out, Palette.STATUS_ORDER.stream().map(s -> hex(Palette.status(s))).toList());
        // One run: [run id, configuration, rate, status, basin colour, iterations, final loss, start, end, recorded].
        out.append(",\"runs\":[");
        boolean first = true;
        for (RunPoint p : runs) {
            out.append(first ? "[" : ",[");
            first = false;
            out.append(p.runId()).append(',').append(configurationIndex.get(p.configuration()));
            out.append(',').append(rateIndex.get(p.learningRate()));
            out.append(',').append(statuses.indexOf(p.status().name()));
            String colour = hex(Palette.basin(p.status(), p.minimum(), d.minima().size()));
            out.append(',').append(basinColours.computeIfAbsent(colour, k -> basinColours.size()));
            out.append(',').append(p.iterations()).append(',');
            number(out, p.finalLoss());
            out.append(',');
            vector(out, p.initialWeights());
            out.append(',');
            vector(out, p.finalWeights());
            out.append(',').append(recorded.contains(p.runId()) ? 1 : 0).append(']');
        }
        out.append("],\"basinColours\":");
        strings(out, new ArrayList<>(basinColours.keySet()));
        out.append(",\"minima\":[");
        for (int i = 0; i < d.minima().size(); i++) {
            KnownMinimum m = d.minima().get(i);
            out.append(i == 0 ? "{\"label\":" : ",{\"label\":");
            string(out, BasinMap.minimumLabel(m, i));
            out.append(",\"colour\":");
            string(out, hex(Palette.minimum(i)));
            out.append(",\"point\":");
            vector(out, m.point());
            out.append('}');
        }
        out.append(']');
        double[] min = d.domainMin();
        double[] max = d.domainMax();
        if (min != null && max != null && min.length >= 2 && max.length >= 2) {
            out.append(",\"domain\":[");
            number(out, min[0]);
            out.append(',');
            number(out, max[0]);
            out.append(',');
            number(out, min[1]);
            out.append(',');
            number(out, max[1]);
            out.append(']');
        }
        paths(out, d, runs);
        models(out, d, configurationIndex, rateIndex);
        pick(out, d, configurationIndex, rateIndex);
        out.append('}');
        return out.toString();
    }

    /** The recorded paths of the embedded runs, 2-D losses only: run id to x0, y0, x1, y1, ... thinned evenly. */
    private static void paths(StringBuilder out, ReportData d, List<RunPoint> runs) {
        out.append(",\"paths\":{");
        if (d.dimension() == 2) {
            List<Long> ids = new ArrayList<>();
            for (RunPoint p : runs) {
                if (d.trajectories().containsKey(p.runId())) {
                    ids.add(p.runId());
                }
            }
            int perPath = ids.isEmpty() ? 0 : Math.max(2, Math.min(POINTS_PER_PATH, PATH_POINTS / ids.size()));
            boolean first = true;
            for (long id : ids) {
                List<TrajectoryStep> steps = d.trajectories().get(id);
                if (steps.isEmpty()) {
                    continue;
                }
                out.append(first ? "\"" : ",\"").append(id).append("\":[");
                first = false;
                int[] chosen = Sampling.evenly(steps.size(), perPath);
                for (int i = 0; i < chosen.length; i++) {
                    TrajectoryStep s = steps.get(chosen[i]);
                    out.append(i == 0 ? "" : ",");
                    number(out, s.weight(0));
                    out.append(',');
                    number(out, s.weight(1));
                }
                out.append(']');
            }
        }
        out.append('}');
    }

    /** A model sweep's medians per configuration and rate: [configuration, rate, train loss, validation loss, train accuracy, validation accuracy]. */
    private static void models(StringBuilder out, ReportData d, Map<String, Integer> configurationIndex,
            Map<Double, Integer> rateIndex) {
        out.append(",\"models\":[");
        boolean first = true;
        for (ModelRate m : d.modelRates()) {
            Integer c = configurationIndex.get(m.configuration());
            if (c == null) {
                continue;
            }
            out.append(first ? "[" : ",[");
            first = false;
            out.append(c).append(',').append(rateIndex.get(m.learningRate())).append(',');
            number(out, m.trainLoss());
            out.append(',');
            number(out, m.validationLoss());
            out.append(',');
            number(out, m.trainAccuracy());
            out.append(',');
            number(out, m.validationAccuracy());
            out.append(']');
        }
        out.append(']');
    }

    /** The overall recommended configuration and rate, where the page's explore section starts; null without. */
    private static void pick(StringBuilder out, ReportData d, Map<String, Integer> configurationIndex,
            Map<Double, Integer> rateIndex) {
        out.append(",\"pick\":");
        Recommendation best = Recommendation.overall(d.recommendations()).orElse(null);
        if (best == null) {
            out.append("null");
            return;
        }
        Recommendation.Rate c = best.chosen();
        String name = dev.gdsweep.report.SummaryRow.configuration(c.optimizerConfig(), c.schedule(), c.batchSize());
        Integer configuration = configurationIndex.get(name);
        if (configuration == null) {
            configuration = configurationIndex.get(dev.gdsweep.report.SummaryRow.configuration(
                    c.lossConfig() + ", " + c.optimizerConfig(), c.schedule(), c.batchSize()));
        }
        Integer rate = rateIndex.get(c.learningRate());
        out.append(configuration == null ? "null" : "[" + configuration + "," + (rate == null ? "null" : rate) + "]");
    }

    private static <T> Map<T, Integer> index(List<T> values) {
        Map<T, Integer> m = new java.util.HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            m.putIfAbsent(values.get(i), i);
        }
        return m;
    }

    static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    private static void vector(StringBuilder out, double[] v) {
        out.append('[');
        for (int i = 0; i < Math.min(v.length, COORDINATES); i++) {
            if (i > 0) {
                out.append(',');
            }
            number(out, v[i]);
        }
        out.append(']');
    }

    /** A number to {@link #DIGITS} significant digits; NaN, ±∞ and null as null (JSON has no others). */
    static void number(StringBuilder out, Double v) {
        if (v == null || !Double.isFinite(v)) {
            out.append("null");
            return;
        }
        double x = v;
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            out.append((long) x);
            return;
        }
        out.append(new BigDecimal(x).round(new MathContext(DIGITS)).stripTrailingZeros().toString());
    }

    private static void strings(StringBuilder out, List<String> values) {
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(out, values.get(i));
        }
        out.append(']');
    }

    /** A JSON string safe inside an HTML script element: {@code < > &}, controls and U+2028/9 as escapes. */
    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Where the template leaves room for the section: an HTML comment, so the template keeps no raw slot. */
    static final String MARKER = "<!-- explore -->";
    /** The script, a resource beside this class. */
    static final String SCRIPT = "report.js";

    /** The runs of the sweep's grid: the summary's count, or the runs read when there is no summary. */
    static long total(ReportData d) {
        long total = d.summary().stream().mapToLong(dev.gdsweep.report.SummaryRow::runs).sum();
        return Math.max(total, d.runs().size());
    }

    /**
     * {@code page} with its explore section in place of {@link #MARKER}: the heading, how many runs it shows,
     * the data as JSON and {@link #SCRIPT}, all inline. Every text here is a number or fixed; the data's
     * strings are only in the JSON, escaped by {@link #string}.
     */
    static String insert(String page, ReportData d) {
        return insert(page, section(d));
    }

    /** {@code page} with its {@link #MARKER} replaced by {@code section} (as {@link #section} makes it). */
    static String insert(String page, String section) {
        int at = page.indexOf(MARKER);
        if (at < 0) {
            throw new IllegalStateException("the page has no " + MARKER + " for the explore section");
        }
        return page.substring(0, at) + section + page.substring(at + MARKER.length());
    }

    /** The explore section of {@code d}'s page: its note, its style, its data as JSON and its script. */
    static String section(ReportData d) {
        long total = total(d);
        String json = json(d, total);
        int shown = Math.min(d.runs().size(), MAX_RUNS);
        String count = shown == total ? "Showing all " + total + " runs."
                : "Showing " + shown + " of " + total + " runs: a fixed sample that keeps every status present, each "
                        + "in proportion (at least " + STATUS_FLOOR + " runs of each, all of a rarer one), and every "
                        + "run whose path was recorded; the tables and pictures below count every run.";
        StringBuilder out = new StringBuilder(json.length() + 32_000);
        out.append("<section id=\"explore\">\n<h2>Explore the runs</h2>\n");
        out.append("<p class=\"note\" id=\"explore-count\">").append(Html.escape(count)).append("</p>\n");
        out.append("<noscript><p class=\"note\">This section draws with JavaScript, which is off.</p></noscript>\n");
        out.append(STYLE);
        out.append("<div id=\"explore-app\"></div>\n");
        out.append("<script type=\"application/json\" id=\"explore-data\">").append(json).append("</script>\n");
        out.append("<script>\n").append(script()).append("</script>\n</section>\n");
        return out.toString();
    }

    private static final String STYLE = """
            <style>
            #explore .explore-part{background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:.6rem;margin:.8rem 0;max-width:940px}
            #explore h3{font-size:1.05rem;margin:.2rem 0 .4rem}
            #explore svg{display:block;max-width:100%;height:auto;user-select:none}
            #explore .area{fill:#fff;stroke:#bbb}
            #explore .grid{stroke:#eee}
            #explore .tick{font-size:11px;fill:#444}
            #explore .label{font-size:12px;fill:#222}
            #explore .band{fill:rgba(11,92,173,.12);stroke:#0b5cad}
            #explore circle.run{fill-opacity:.75}
            #explore circle.run:hover,#explore circle.start:hover{stroke:#000;stroke-width:2}
            #explore circle.start{stroke:#fff;stroke-width:.6;cursor:pointer}
            #explore circle.start.rec{stroke:#111;stroke-width:1.8}
            #explore .explore-filters{margin:.3rem 0;font-size:.92rem}
            #explore .explore-filters label{margin-right:1rem;white-space:nowrap}
            #explore .explore-legend{font-size:.85rem;margin:.2rem 0}
            #explore .explore-legend .key{margin-right:.9rem}
            #explore .explore-legend .dot{display:inline-block;width:.7rem;height:.7rem;border-radius:50%}
            .explore-tip{position:absolute;z-index:10;background:#fff;border:1px solid #888;border-radius:4px;padding:.3rem .5rem;
              font-size:.82rem;box-shadow:0 2px 6px rgba(0,0,0,.2);pointer-events:none;max-width:360px}
            .explore-tip .head{font-weight:bold}
            </style>
            """;

    private static volatile String script;

    /** {@link #SCRIPT}, read once; it must not hold a {@code </script} that would end its element early. */
    static String script() {
        String s = script;
        if (s == null) {
            try (java.io.InputStream in = ExploreData.class.getResourceAsStream(SCRIPT)) {
                if (in == null) {
                    throw new IllegalStateException(SCRIPT + " is not on the class path beside " + ExploreData.class.getName());
                }
                s = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read " + SCRIPT, e);
            }
            if (s.toLowerCase(Locale.ROOT).contains("</script")) {
                throw new IllegalStateException(SCRIPT + " holds </script, which would end its element early");
            }
            script = s;
        }
        return s;
    }
}
