package dev.gdsweep.engine;

import java.util.Locale;

/** The rule that stopped a run; {@link #label()} is the value written to the report. */
public enum StopReason {
    DIVERGED(Status.DIVERGED),
    GRADIENT_TOLERANCE(Status.CONVERGED),
    NO_IMPROVEMENT(Status.PLATEAU),
    MAX_ITERATIONS(Status.MAX_ITERATIONS),
    MAX_TIME(Status.MAX_TIME),
    FAILED(Status.FAILED);

    private final Status status;
    private final String label;

    StopReason(Status status) {
        this.status = status;
        this.label = name().toLowerCase(Locale.ROOT);
    }

    public Status status() {
        return status;
    }

    public String label() {
        return label;
    }
}
