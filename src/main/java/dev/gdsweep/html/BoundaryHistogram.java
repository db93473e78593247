package dev.gdsweep.html;

/**
 * Counts of positive values in bins of equal width on a log axis. The bins span the values from the
 * smallest to the largest, widened about their middle to at least {@link #MIN_DECADES} (so that values all
 * alike fall in one narrow bin, centred on them, instead of filling the picture); the largest value is counted in
 * the last bin.
 *
 * @param edges {@code bins + 1} bin edges, increasing; bin i is [edges[i], edges[i + 1])
 * @param counts values per bin
 */
record BoundaryHistogram(double[] edges, long[] counts) {

    static final double MIN_DECADES = 0.6;

    BoundaryHistogram {
        edges = edges.clone();
        counts = counts.clone();
    }

    /** {@code bins} bins over {@code values} (those that are not positive and finite are left out); null if none is. */
    static BoundaryHistogram of(double[] values, int bins) {
        double a = Double.POSITIVE_INFINITY;
        double b = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (v > 0 && Double.isFinite(v)) {
                a = Math.min(a, Math.log10(v));
                b = Math.max(b, Math.log10(v));
            }
        }
        if (a > b) {
            return null;
        }
        if (b - a < MIN_DECADES) {
            // The values' middle in the middle of a bin, so that values all alike are drawn where they are.
            double w = MIN_DECADES / bins;
            a = (a + b) / 2 - (bins / 2 + 0.5) * w;
            b = a + bins * w;
        }
        double width = (b - a) / bins;
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = Math.pow(10, a + i * width);
        }
        BoundaryHistogram empty = new BoundaryHistogram(edges, new long[bins]);
        return new BoundaryHistogram(edges, empty.count(values));
    }

    /** How many of {@code values} fall in each of these bins (those outside them in the nearest one). */
    long[] count(double[] values) {
        long[] counts = new long[counts().length];
        for (double v : values) {
            if (v > 0 && Double.isFinite(v)) {
                counts[bin(v)]++;
            }
        }
        return counts;
    }

    /** The bin of a positive value: by its place on the log axis, clamped to the bins. */
    int bin(double v) {
        double a = Math.log10(edges[0]);
        double width = (Math.log10(edges[edges.length - 1]) - a) / counts.length;
        int i = (int) Math.floor((Math.log10(v) - a) / width);
        return Math.max(0, Math.min(counts.length - 1, i));
    }

    @Override
    public double[] edges() {
        return edges.clone();
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    int bins() {
        return counts.length;
    }

    long total() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }
}
