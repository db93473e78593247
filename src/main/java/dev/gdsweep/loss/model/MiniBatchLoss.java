package dev.gdsweep.loss.model;

import dev.gdsweep.grid.SplitMix64;
import dev.gdsweep.loss.Loss;

/**
 * A model's loss on mini-batches, for stochastic gradient descent: each call of
 * {@link #valueAndGradient} takes the next {@code batchSize} rows of a shuffled order of the training
 * rows and returns the loss and gradient on them (the mean over the batch, plus the l2 term). An epoch
 * is one pass through a fresh shuffle; rows left over at the end of a pass (fewer than a batch) wait
 * for the next epoch's shuffle. The shuffle of epoch e of run r is a Fisher–Yates shuffle drawn from
 * the counter-based generator keyed by (seed, r, e), so a run's batches are the same on any executor.
 * {@link #value} is the loss over every training row. Nothing is allocated per call.
 */
public final class MiniBatchLoss implements Loss {

    private final ModelLoss model;
    private final int batchSize;
    private final long seed;
    private final int[] order;
    private final int[] batch;
    private long run;
    private long epoch;
    private int cursor;

    public MiniBatchLoss(ModelLoss model, int batchSize, long seed) {
        int rows = model.data().rowCount();
        if (batchSize < 1 || batchSize > rows) {
            throw new IllegalArgumentException("batch size must be from 1 to the " + rows + " training rows, got "
                    + batchSize);
        }
        this.model = model;
        this.batchSize = batchSize;
        this.seed = seed;
        this.order = new int[rows];
        this.batch = new int[batchSize];
        start(0);
    }

    /** Starts run {@code runId}: epoch 0 of its own shuffle. */
    public void start(long runId) {
        run = runId;
        epoch = 0;
        shuffle();
    }

    private void shuffle() {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            // One stream per (run, epoch, position): the seed is mixed with the run, the stream counts draws.
            int j = CounterRandom.below(CounterRandom.BATCHES, seed + run * SplitMix64.GOLDEN_GAMMA,
                    epoch * order.length + i, i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        cursor = 0;
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    /** The loss over every training row. */
    @Override
    public double value(double[] w) {
        return model.value(w);
    }

    /** The loss and gradient on the next batch. */
    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
        if (cursor + batchSize > order.length) {
            epoch++;
            shuffle();
        }
        System.arraycopy(order, cursor, batch, 0, batchSize);
        cursor += batchSize;
        return model.valueAndGradient(w, gradient, batch, batchSize);
    }
}
