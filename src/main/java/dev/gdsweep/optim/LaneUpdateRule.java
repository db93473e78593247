package dev.gdsweep.optim;

/**
 * An {@link UpdateRule} for many independent runs stepped in lockstep ("lanes"), laid out as
 * {@code LaneLoss} lays them out: coordinate i of lane l at {@code w[i][l]}, its gradient at
 * {@code g[i][l]}. Every lane goes through the operations of the single-run rule's
 * {@link UpdateRule#step} in the same order, so a lane's weights are bit for bit those of its run
 * alone, whichever runs share the batch.
 *
 * <p>State (velocities, moment estimates) is kept per coordinate and lane in arrays allocated once,
 * for {@link #lanes()} lanes; {@link #start} clears one lane's state for a new run. Nothing is
 * allocated per step. Not thread-safe.
 */
public interface LaneUpdateRule {

    /** The number of lanes the state arrays hold. */
    int lanes();

    /** Clears lane l's state, as {@link UpdateRule#reset()} does before a run. */
    void start(int lane);

    /**
     * Takes the step after iteration {@code k[l]} in every lane l of [0, lanes), with learning rate
     * {@code rate[l]} (after the schedule), as {@link UpdateRule#step} with those arguments would.
     * The iteration counts are doubles, exact below 2^53.
     */
    void step(int lanes, double[][] w, double[][] g, double[] k, double[] rate);
}
