package dev.gdsweep.grid;

/** Starting points given one by one. */
public final class ListedPoints implements InitialPoints {

    private final double[][] points;

    public ListedPoints(double[][] points) {
        if (points.length == 0) {
            throw new IllegalArgumentException("at least one point is needed");
        }
        int d = points[0].length;
        this.points = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            if (points[i].length != d || d == 0) {
                throw new IllegalArgumentException("every point needs the same, non-zero dimension");
            }
            this.points[i] = points[i].clone();
        }
    }

    @Override
    public long count() {
        return points.length;
    }

    @Override
    public int dimension() {
        return points[0].length;
    }

    @Override
    public void fill(long index, double[] out) {
        System.arraycopy(points[(int) index], 0, out, 0, out.length);
    }

    public double[][] points() {
        double[][] copy = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            copy[i] = points[i].clone();
        }
        return copy;
    }

    @Override
    public String describe() {
        return points.length + " listed points";
    }
}
