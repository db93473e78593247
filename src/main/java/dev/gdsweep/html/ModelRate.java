package dev.gdsweep.html;

/**
 * A model sweep's fit at one learning rate of one configuration: medians over the runs that did not
 * diverge or fail, read from the {@code runs} table's {@code final_loss}, {@code validation_loss},
 * {@code train_accuracy} and {@code validation_accuracy} columns. Null where a column has no value
 * (no validation set, a loss without accuracy, every run diverged).
 *
 * @param configuration as {@link RunPoint#configuration()} names it
 * @param runs the runs at that rate, diverged included
 * @param settled the runs the medians are taken over
 */
public record ModelRate(String configuration, double learningRate, long runs, long settled, Double trainLoss,
        Double validationLoss, Double trainAccuracy, Double validationAccuracy) {

    public ModelRate {
        configuration = configuration == null ? "" : configuration;
    }
}
