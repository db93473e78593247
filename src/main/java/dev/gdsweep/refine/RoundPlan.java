package dev.gdsweep.refine;

/**
 * The runs of one refinement round: run {@code firstRunId + i} is grid run {@code gridIds[i]} (its
 * configuration and start) at learning rate {@code rates[i]}.
 */
public record RoundPlan(int round, long firstRunId, long[] gridIds, double[] rates) {

    public RoundPlan {
        if (round < 1 || gridIds.length != rates.length) {
            throw new IllegalArgumentException("Invalid round (need round >= 1, a rate per run): " + round + ", "
                    + gridIds.length + " runs, " + rates.length + " rates");
        }
    }

    public int runs() {
        return gridIds.length;
    }

    /** One past the last run id. */
    public long endRunId() {
        return firstRunId + gridIds.length;
    }
}
