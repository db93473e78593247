package dev.gdsweep.data;

import dev.gdsweep.spec.DataFormat;
import dev.gdsweep.spec.DataResolver;
import dev.gdsweep.spec.DataSpec;
import dev.gdsweep.spec.ModelData;
import dev.gdsweep.spec.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads CSV and LIBSVM files from the local file system: the command line's resolver when Hadoop is not
 * on the classpath (the thin jar run with plain java), where one that reads any Hadoop path (HDFS, S3)
 * and Parquet cannot work.
 */
public final class LocalDataResolver implements DataResolver {

    @Override
    public ModelData load(DataSpec spec, boolean classification, String source, int line) {
        if (spec.format() == DataFormat.PARQUET) {
            throw new SpecException(source, line, "loss.data.path", "Parquet data is read through Hadoop: run it "
                    + "with bin/gdsweep or spark-submit");
        }
        Path path = Path.of(spec.path());
        if (Files.isDirectory(path)) {
            throw new SpecException(spec.path(), 0, null, "is a directory, not a " + spec.format().label() + " file");
        }
        return ModelDataPreparation.readText(spec, classification, spec.path(), () -> Files.newInputStream(path));
    }
}
