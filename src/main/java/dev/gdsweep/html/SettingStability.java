package dev.gdsweep.html;

/**
 * The stability boundary of one loss setting and optimizer configuration, for {@link LossSettingChart}.
 *
 * @param configuration the optimizer configuration, schedule and batch size (without the loss setting)
 * @param lossConfig the loss setting, "rosenbrock(a=1, b=100)"
 * @param value where the setting is drawn: the value of the one setting that varies, or else its position (1, 2, ...)
 * @param largestStableRate null when every rate diverged
 * @param medianCriticalRate null when no run converged or none had a known λ_max
 */
record SettingStability(String configuration, String lossConfig, double value, Double largestStableRate,
        Double medianCriticalRate) {}
