package dev.gdsweep.report;

/**
 * The reference optimum of one loss setting as the console and the page tell it: the loss at the
 * bottom, the solver that found it and its cost.
 *
 * @param lossConfig the loss setting, as the runs' {@code loss_config}
 * @param certified whether the gradient norm certifies a minimum; if not, there is no sea level
 * @param iterations the solver's iterations (spark.ml's; 0 for the normal equations)
 * @param newtonSteps the product's own polishing steps after it
 * @param elapsedMs the solver's wall time
 */
public record SeaLevel(String lossConfig, String solver, double loss, boolean certified, double gradientNorm,
        int iterations, int newtonSteps, double elapsedMs) {}
