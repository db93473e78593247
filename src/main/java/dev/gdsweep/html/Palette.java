package dev.gdsweep.html;

import dev.gdsweep.engine.Status;
import java.awt.Color;
import java.util.List;

/** The report's colours: one fixed colour per status, per known minimum, per configuration, and a viridis scale. */
public final class Palette {

    private Palette() {}

    /** Statuses in the order the legends list them. */
    public static final List<Status> STATUS_ORDER =
            List.of(Status.CONVERGED, Status.PLATEAU, Status.MAX_ITERATIONS, Status.MAX_TIME, Status.FAILED, Status.DIVERGED);

    public static final Color CONVERGED = new Color(0x2ca02c);
    /** Teal: settled, but not by the gradient criterion, so not the converged green. */
    public static final Color PLATEAU = new Color(0x17becf);
    public static final Color MAX_ITERATIONS = new Color(0xff7f0e);
    public static final Color MAX_TIME = new Color(0x8c564b);
    public static final Color FAILED = new Color(0x9467bd);
    public static final Color DIVERGED = new Color(0xd62728);

    /** Basin map: a run that ran out of iterations. */
    public static final Color BASIN_MAX_ITERATIONS = new Color(0xa0a0a0);
    /** Basin map: a run that diverged. */
    public static final Color BASIN_DIVERGED = Color.BLACK;
    /** Basin map: a run that converged, but to no known minimum. */
    public static final Color BASIN_CONVERGED_ELSEWHERE = new Color(0xf0e442);
    /** Basin map: a run that stopped on a plateau away from every known minimum. */
    public static final Color BASIN_PLATEAU = new Color(0x9edae5);
    /** Basin map: any other status (MAX_TIME, FAILED, ...). */
    public static final Color BASIN_OTHER = new Color(0xf4b6c2);

    private static final Color[] MINIMA = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
    };

    private static final Color[] SERIES = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
        new Color(0xbcbd22), new Color(0x7f7f7f),
    };

    private static final int[] VIRIDIS = {
        0x440154, 0x482878, 0x3e4989, 0x31688e, 0x26828e, 0x1f9e89, 0x35b779, 0x6ece58, 0xfde725,
    };

    /** The fixed colour of a run status in the scatter charts. */
    public static Color status(Status status) {
        return switch (status) {
            case CONVERGED -> CONVERGED;
            case PLATEAU -> PLATEAU;
            case MAX_ITERATIONS -> MAX_ITERATIONS;
            case MAX_TIME -> MAX_TIME;
            case FAILED -> FAILED;
            case DIVERGED -> DIVERGED;
        };
    }

    /** The colour of known minimum number {@code index} (0-based): eight fixed ones, then golden-angle hues. */
    public static Color minimum(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("minimum index " + index);
        }
        if (index < MINIMA.length) {
            return MINIMA[index];
        }
        float hue = (float) ((index * 0.618033988749895) % 1.0);
        return Color.getHSBColor(hue, 0.75f, 0.8f);
    }

    /**
     * The colour of a run in the basin map: its minimum's colour when it converged to a known minimum (or
     * stopped on a plateau within the tolerance of one), light blue for a plateau elsewhere, grey when it ran
     * out of iterations, black when it diverged.
     *
     * @param minimaCount the number of known minima; an index outside it counts as "converged elsewhere"
     */
    public static Color basin(Status status, Integer minimum, int minimaCount) {
        return switch (status) {
            case CONVERGED -> minimum != null && minimum >= 0 && minimum < minimaCount
                    ? minimum(minimum) : BASIN_CONVERGED_ELSEWHERE;
            case PLATEAU -> minimum != null && minimum >= 0 && minimum < minimaCount
                    ? minimum(minimum) : BASIN_PLATEAU;
            case MAX_ITERATIONS -> BASIN_MAX_ITERATIONS;
            case DIVERGED -> BASIN_DIVERGED;
            case MAX_TIME, FAILED -> BASIN_OTHER;
        };
    }

    /** Colours for lines of configurations, trajectories, ...: ten fixed ones, cycling. */
    static Color series(int index) {
        return SERIES[Math.floorMod(index, SERIES.length)];
    }

    /** The viridis colour scale at {@code t} in [0, 1] (clamped; NaN gives the top colour). */
    static Color viridis(double t) {
        if (Double.isNaN(t) || t > 1) {
            t = 1;
        } else if (t < 0) {
            t = 0;
        }
        double x = t * (VIRIDIS.length - 1);
        int i = Math.min((int) Math.floor(x), VIRIDIS.length - 2);
        double f = x - i;
        Color a = new Color(VIRIDIS[i]);
        Color b = new Color(VIRIDIS[i + 1]);
        return new Color(
                (int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    static Color withAlpha(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }
}
