package dev.gdsweep.data;

import dev.gdsweep.loss.model.DenseData;
import dev.gdsweep.loss.model.Standardization;
import dev.gdsweep.spec.DataFormat;
import dev.gdsweep.spec.DataSpec;
import dev.gdsweep.spec.ModelData;
import dev.gdsweep.spec.SpecException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a model's data with the reader its format needs and prepares it: a seeded train/validation
 * split first, then (if asked) z-scores with the training rows' mean and standard deviation, applied
 * to both parts. Shared by every resolver, so local, HDFS and Parquet data are prepared alike.
 */
public final class ModelDataPreparation {

    /** Opens the data file; the caller knows the file system. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    private ModelDataPreparation() {}

    public static DataOptions options(DataSpec spec, boolean classification) {
        DataOptions.Task task = classification ? DataOptions.Task.CLASSIFICATION : DataOptions.Task.REGRESSION;
        DataOptions options = spec.format() == DataFormat.LIBSVM ? DataOptions.libsvm(task)
                : DataOptions.csv(spec.label(), task).withFeatures(spec.features());
        return options.withMissing(spec.dropMissing() ? DataOptions.Missing.DROP : DataOptions.Missing.REFUSE)
                .withMaxBytes(spec.maxMb() << 20);
    }

    /** Reads CSV or LIBSVM text from {@code opener} (named {@code source} in messages) and prepares it. */
    public static ModelData readText(DataSpec spec, boolean classification, String source, Opener opener) {
        DataOptions options = options(spec, classification);
        LoadedData loaded;
        try (InputStream in = opener.open()) {
            loaded = spec.format() == DataFormat.LIBSVM ? LibsvmReader.read(in, source, options)
                    : CsvReader.read(in, source, options);
        } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
            throw new SpecException(source, 0, null, "data file not found");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new SpecException(source, 0, null, "data file is not readable (permission denied)");
        } catch (IOException e) {
            throw new SpecException(source, 0, null, "cannot read the data file: " + e.getMessage());
        }
        return prepare(loaded, spec, source);
    }

    public static ModelData prepare(LoadedData loaded, DataSpec spec, String source) {
        DenseData all = loaded.data();
        DenseData train = all;
        DenseData validation = null;
        if (spec.validationFraction() > 0) {
            try {
                DenseData.Split split = all.split(spec.validationFraction(), spec.seed());
                train = split.train();
                validation = split.validation();
            } catch (IllegalArgumentException e) {
                throw new SpecException(source, 0, "validation_fraction", e.getMessage());
            }
        }
        if (spec.standardize()) {
            Standardization z = Standardization.of(train);
            train = z.apply(train);
            validation = validation == null ? null : z.apply(validation);
        }
        return new ModelData(train, validation, loaded.rowsRead(), loaded.rowsDropped(), loaded.ignoredColumns());
    }
}
