package dev.gdsweep.refine;

import dev.gdsweep.grid.Grid;
import dev.gdsweep.spec.RefineSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Adaptive refinement of the learning-rate axis, planned on the driver: given what the runs so far
 * showed ({@link #observe}), {@link #nextRound} places new rates only where an answer is still wider than
 * the tolerance, per configuration and start. Every decision is a function of the outcomes alone, in a
 * fixed order, so the same spec gives the same rounds with the same run ids, on any partitioning and
 * when a resumed sweep replays the rounds it had committed.
 *
 * <p>The searches, each re-derived from the outcomes every round:
 * <ul>
 *   <li>boundary, per start: lo is the largest rate at which the start converged (by the gradient
 *       criterion), hi the next greater rate tried; new rates go inside (lo, hi), log-spaced, so the
 *       invariant holds and the bracket shrinks {@code POINTS + 1}-fold in log-width per round;</li>
 *   <li>fastest, per start: the converging rate with the fewest iterations (the smaller rate on ties);
 *       new rates go between it and each neighbour tried that is further than the tolerance. Iteration
 *       counts are step functions of the rate with many local minima: what is found is a rate whose
 *       neighbours within the tolerance take no fewer iterations, starting from the best of the grid;</li>
 *   <li>fastest, per configuration: the same over the rates at which every start ran, by the median of
 *       the starts' iterations (a start that did not converge counted as never converging); each new rate
 *       is run from every start.</li>
 * </ul>
 */
public final class Refinement {

    /** The {@code boundary_note} of a start without a bracket that converged at every rate tried. */
    public static final String EVERY_RATE = "converges at every rate tried";
    /** The {@code boundary_note} of a start without a bracket that converged at no rate tried. */
    public static final String NO_RATE = "converges at no rate tried";

    private final Grid grid;
    private final RefineSpec spec;
    private final int rates;
    private final long starts;
    private final int configurations;
    /** Per configuration × start (index {@code c·starts + s}): rate → outcome. */
    private final List<TreeMap<Double, Outcome>> outcomes;
    /** Per configuration × start: the rounds that placed runs for it. */
    private final int[] roundsOf;
    /** Per configuration: the rates every start has run (the grid's, then those its median search placed). */
    private final List<TreeSet<Double>> commonRates;
    private int round;
    private long runs;
    private String stoppedBy;
    private RefinementStop stop;
    private boolean finished;

    public Refinement(Grid grid, RefineSpec spec) {
        this.grid = grid;
        this.spec = spec;
        this.rates = grid.learningRates().count();
        this.starts = grid.initialPoints().count();
        long keys = grid.size() / rates;
        if (keys > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Too many starts to refine: " + keys);
        }
        this.configurations = Math.toIntExact(keys / starts);
        this.outcomes = new ArrayList<>((int) keys);
        for (int k = 0; k < keys; k++) {
            outcomes.add(new TreeMap<>());
        }
        this.roundsOf = new int[(int) keys];
        this.commonRates = new ArrayList<>(configurations);
        TreeSet<Double> gridRates = new TreeSet<>();
        for (int i = 0; i < rates; i++) {
            gridRates.add(grid.learningRates().get(i));
        }
        for (int c = 0; c < configurations; c++) {
            commonRates.add(new TreeSet<>(gridRates));
        }
        this.runs = grid.size();
    }

    /**
     * What a refinement will cost at most when each search narrows its bracket every round, as it does for
     * a boundary: the rounds to shrink the grid's widest gap between neighbouring rates to the tolerance, and
     * the runs those rounds place (a fastest search whose best rate jumps may need more rounds; max_rounds and
     * max_runs bound it).
     *
     * @param rounds rounds after the grid, at most max_rounds
     * @param runs runs of all rounds, the grid included, at most max_runs
     */
    public record Plan(int rounds, long runs) {}

    public static Plan plan(Grid grid, RefineSpec spec) {
        double[] rates = new double[grid.learningRates().count()];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = grid.learningRates().get(i);
        }
        Arrays.sort(rates);
        double widest = 1;
        for (int i = 1; i < rates.length; i++) {
            widest = Math.max(widest, rates[i] / rates[i - 1]);
        }
        int rounds = Math.min(spec.maxRounds(), Brackets.roundsFor(widest, spec.tolerance()));
        long starts = grid.size() / rates.length;
        long configurations = starts / grid.initialPoints().count();
        long perStart = (spec.has(RefineSpec.Target.BOUNDARY) ? Brackets.POINTS : 0)
                + (spec.has(RefineSpec.Target.FASTEST) ? 4L * Brackets.POINTS : 0);
        double runs = grid.size() + (double) rounds * perStart * configurations * grid.initialPoints().count();
        return new Plan(rounds, (long) Math.min(spec.maxRuns(), runs));
    }

    /** What grid run {@code gridId} (round 0) showed. */
    public void observe(long gridId, Outcome outcome) {
        outcomes.get(key(gridId)).put(grid.learningRate(gridId), outcome);
    }

    /** What the run at {@code plan}'s index {@code i} showed. */
    public void observe(RoundPlan plan, int i, Outcome outcome) {
        outcomes.get(key(plan.gridIds()[i])).put(plan.rates()[i], outcome);
    }

    /** Stops the refinement before its next round because the time budget ran out; the results say so. */
    public void outOfTime() {
        stop(RefinementStop.MAX_SECONDS, "the time budget (limits.max_seconds) ran out");
    }

    /** Stops the refinement before its next round, for a limit the results state. */
    private void stop(RefinementStop why, String reason) {
        if (!finished) {
            stop = why;
            stoppedBy = reason;
            finished = true;
        }
    }

    /**
     * The next round's runs, or null when every answer is pinned down, or the next round would exceed
     * {@code max_rounds} or {@code max_runs} (then the results say so). A round is never cut: it runs whole
     * or not at all.
     */
    public RoundPlan nextRound() {
        if (finished) {
            return null;
        }
        Map<Integer, TreeSet<Double>> placed = new TreeMap<>();
        List<TreeSet<Double>> commonPlaced = new ArrayList<>();
        for (int c = 0; c < configurations; c++) {
            for (long s = 0; s < starts; s++) {
                int key = (int) (c * starts + s);
                TreeSet<Double> mine = new TreeSet<>();
                if (spec.has(RefineSpec.Target.BOUNDARY)) {
                    boundaryRates(outcomes.get(key), mine);
                }
                if (spec.has(RefineSpec.Target.FASTEST)) {
                    fastestRates(outcomes.get(key), mine);
                }
                addNew(placed, key, mine);
            }
            if (spec.has(RefineSpec.Target.FASTEST)) {
                TreeSet<Double> common = new TreeSet<>();
                medianRates(c, common);
                commonPlaced.add(common);
                for (long s = 0; s < starts; s++) {
                    addNew(placed, (int) (c * starts + s), common);
                }
            }
        }
        long count = placed.values().stream().mapToLong(TreeSet::size).sum();
        if (count == 0) {
            stop = round == 0 ? RefinementStop.NOTHING_TO_REFINE : RefinementStop.TOLERANCE;
            finished = true;
            return null;
        }
        if (round + 1 > spec.maxRounds()) {
            stop(RefinementStop.MAX_ROUNDS, "max_rounds (" + spec.maxRounds() + ") reached");
            return null;
        }
        if (runs + count > spec.maxRuns()) {
            stop(RefinementStop.MAX_RUNS, "max_runs (" + spec.maxRuns() + ") reached: the next round needed " + count + " runs more than the "
                    + runs + " so far");
            return null;
        }
        round++;
        for (int c = 0; c < commonPlaced.size(); c++) {
            commonRates.get(c).addAll(commonPlaced.get(c));
        }
        long[] gridIds = new long[(int) count];
        double[] placedRates = new double[(int) count];
        int i = 0;
        for (Map.Entry<Integer, TreeSet<Double>> e : placed.entrySet()) {
            roundsOf[e.getKey()]++;
            long gridId = gridId(e.getKey());
            for (double r : e.getValue()) {
                gridIds[i] = gridId;
                placedRates[i++] = r;
            }
        }
        RoundPlan plan = new RoundPlan(round, runs, gridIds, placedRates);
        runs += count;
        return plan;
    }

    /** Rounds made so far. */
    public int rounds() {
        return round;
    }

    /** Runs of every round so far, the grid included. */
    public long runs() {
        return runs;
    }

    /** Why refining stopped before every answer was pinned down, in words; null if no limit stopped it. */
    public String stoppedBy() {
        return stoppedBy;
    }

    /** Why refining stopped: a limit, or nothing left to refine; null while it goes on. */
    public RefinementStop stopReason() {
        return stop;
    }

    private void addNew(Map<Integer, TreeSet<Double>> placed, int key, TreeSet<Double> rates) {
        for (double r : rates) {
            if (!outcomes.get(key).containsKey(r)) {
                placed.computeIfAbsent(key, k -> new TreeSet<>()).add(r);
            }
        }
    }

    // ---- the searches ---------------------------------------------------------------------------

    /** The bracket [lo, hi] of one start's boundary, or null: lo converged, hi the next rate tried above it. */
    private static double[] bracket(TreeMap<Double, Outcome> tried) {
        Double lo = null;
        for (Map.Entry<Double, Outcome> e : tried.descendingMap().entrySet()) {
            if (e.getValue().converged()) {
                lo = e.getKey();
                break;
            }
        }
        Double hi = lo == null ? null : tried.higherKey(lo);
        return hi == null ? null : new double[] {lo, hi};
    }

    private void boundaryRates(TreeMap<Double, Outcome> tried, TreeSet<Double> out) {
        double[] b = bracket(tried);
        if (b != null && !Brackets.narrow(b[0], b[1], spec.tolerance())) {
            add(out, Brackets.inside(b[0], b[1], Brackets.POINTS));
        }
    }

    /** One start's fastest converging rate: the fewest iterations, the smaller rate on ties; null if none. */
    private static Double fastest(TreeMap<Double, Outcome> tried) {
        Double best = null;
        long fewest = Long.MAX_VALUE;
        for (Map.Entry<Double, Outcome> e : tried.entrySet()) {
            if (e.getValue().converged() && e.getValue().iterations() < fewest) {
                best = e.getKey();
                fewest = e.getValue().iterations();
            }
        }
        return best;
    }

    private void fastestRates(TreeMap<Double, Outcome> tried, TreeSet<Double> out) {
        zoom(fastest(tried), tried, out);
    }

    /** Rates between {@code best} and each neighbour in {@code tried} further than the tolerance. */
    private void zoom(Double best, NavigableMap<Double, ?> tried, TreeSet<Double> out) {
        if (best == null) {
            return;
        }
        Double lower = tried.lowerKey(best);
        Double upper = tried.higherKey(best);
        if (lower != null && !Brackets.narrow(lower, best, spec.tolerance())) {
            add(out, Brackets.inside(lower, best, Brackets.POINTS));
        }
        if (upper != null && !Brackets.narrow(best, upper, spec.tolerance())) {
            add(out, Brackets.inside(best, upper, Brackets.POINTS));
        }
    }

    private void medianRates(int c, TreeSet<Double> out) {
        TreeMap<Double, Double> medians = medians(c);
        Double best = null;
        double lowest = Double.POSITIVE_INFINITY;
        for (Map.Entry<Double, Double> e : medians.entrySet()) {
            if (e.getValue() < lowest) {
                best = e.getKey();
                lowest = e.getValue();
            }
        }
        zoom(best, medians, out);
    }

    /** Configuration {@code c}'s common rates → the median of its starts' iterations (infinite if not converged). */
    private TreeMap<Double, Double> medians(int c) {
        TreeMap<Double, Double> out = new TreeMap<>();
        double[] iterations = new double[(int) starts];
        for (double rate : commonRates.get(c)) {
            for (long s = 0; s < starts; s++) {
                Outcome o = outcomes.get((int) (c * starts + s)).get(rate);
                iterations[(int) s] = o != null && o.converged() ? o.iterations() : Double.POSITIVE_INFINITY;
            }
            out.put(rate, median(iterations));
        }
        return out;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void add(TreeSet<Double> out, double[] rates) {
        for (double r : rates) {
            out.add(r);
        }
    }

    // ---- results --------------------------------------------------------------------------------

    /** One row per configuration and start, in grid order. */
    public List<StartResult> startResults() {
        List<StartResult> out = new ArrayList<>();
        for (int c = 0; c < configurations; c++) {
            for (long s = 0; s < starts; s++) {
                out.add(startResult(c, s));
            }
        }
        return out;
    }

    private StartResult startResult(int c, long s) {
        int key = (int) (c * starts + s);
        TreeMap<Double, Outcome> tried = outcomes.get(key);
        Double lo = null;
        Double hi = null;
        String hiStatus = null;
        String note = null;
        if (spec.has(RefineSpec.Target.BOUNDARY)) {
            double[] b = bracket(tried);
            if (b != null) {
                lo = b[0];
                hi = b[1];
                hiStatus = tried.get(hi).status();
                if (!Brackets.narrow(lo, hi, spec.tolerance())) {
                    note = "wider than the tolerance: " + (stoppedBy != null ? stoppedBy : "not refined");
                }
            } else {
                boolean any = tried.values().stream().anyMatch(Outcome::converged);
                note = any ? EVERY_RATE : NO_RATE;
            }
        }
        Double fast = spec.has(RefineSpec.Target.FASTEST) ? fastest(tried) : null;
        return new StartResult(c, s, gridId(key), lo, hi, hiStatus, note, fast,
                fast == null ? null : tried.get(fast).iterations(), roundsOf[key], tried.size());
    }

    /** One row per configuration, in grid order. */
    public List<ConfigurationResult> configurationResults() {
        List<ConfigurationResult> out = new ArrayList<>();
        List<StartResult> all = startResults();
        for (int c = 0; c < configurations; c++) {
            double[] upTo = new double[(int) starts];
            for (long s = 0; s < starts; s++) {
                upTo[(int) s] = convergesUpTo(all.get((int) (c * starts + s)), c);
            }
            Double median = null;
            Double medianIterations = null;
            if (spec.has(RefineSpec.Target.FASTEST)) {
                for (Map.Entry<Double, Double> e : medians(c).entrySet()) {
                    if (e.getValue() < (medianIterations == null ? Double.POSITIVE_INFINITY : medianIterations)) {
                        median = e.getKey();
                        medianIterations = e.getValue();
                    }
                }
            }
            out.add(new ConfigurationResult(c, gridId((int) (c * starts)), starts,
                    spec.has(RefineSpec.Target.BOUNDARY) ? share(upTo, 1.0) : null,
                    spec.has(RefineSpec.Target.BOUNDARY) ? share(upTo, 0.9) : null,
                    spec.has(RefineSpec.Target.BOUNDARY) ? share(upTo, 0.5) : null,
                    median, medianIterations));
        }
        return out;
    }

    /** The rate up to which a start converges: boundary_lo, the largest rate tried if it converged at every one, else -∞. */
    private double convergesUpTo(StartResult r, int c) {
        if (r.boundaryLo() != null) {
            return r.boundaryLo();
        }
        TreeMap<Double, Outcome> tried = outcomes.get((int) (c * starts + r.start()));
        return tried.values().stream().anyMatch(Outcome::converged) ? tried.lastKey() : Double.NEGATIVE_INFINITY;
    }

    /** The largest rate r such that at least {@code share} of the starts converge up to r; null if none. */
    static Double share(double[] upTo, double share) {
        double[] sorted = upTo.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        int needed = (int) Math.ceil(share * n - 1e-9);
        double r = sorted[n - needed];
        return r == Double.NEGATIVE_INFINITY ? null : r;
    }

    // ---- addressing -------------------------------------------------------------------------------

    /** Configuration × start of grid run {@code gridId}: the learning rate's index dropped. */
    private int key(long gridId) {
        long perConfiguration = (long) rates * starts;
        return (int) (gridId / perConfiguration * starts + gridId % starts);
    }

    /** The grid run of key {@code key} at the grid's first rate: its configuration and start. */
    private long gridId(int key) {
        long c = key / starts;
        long s = key % starts;
        return c * rates * starts + s;
    }
}
