package dev.gdsweep.spec;

import dev.gdsweep.loss.model.DenseData;

/**
 * A model's data as loaded on the driver: the training rows, the validation rows (null when
 * validation_fraction is 0), and what the report says about them.
 *
 * @param rowsRead rows in the file; {@code rowsDropped} of them were dropped for missing values
 */
public record ModelData(DenseData train, DenseData validation, long rowsRead, long rowsDropped)
        implements java.io.Serializable {}
