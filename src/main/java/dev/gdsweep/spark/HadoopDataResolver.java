package dev.gdsweep.spark;

import dev.gdsweep.data.ModelDataPreparation;
import dev.gdsweep.spec.DataFormat;
import dev.gdsweep.spec.DataResolver;
import dev.gdsweep.spec.DataSpec;
import dev.gdsweep.spec.ModelData;
import dev.gdsweep.spec.SpecException;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads a model's data on the driver from any path Hadoop reads (local, HDFS, S3 via s3a): CSV and
 * LIBSVM as text; Parquet (a file or a directory of part files, as Spark writes them) through
 * {@link ParquetRows}, which feeds its rows to the same CSV reader so the three formats give the
 * same data.
 */
public final class HadoopDataResolver implements DataResolver {

    private final Configuration conf;

    public HadoopDataResolver(Configuration conf) {
        this.conf = conf;
    }

    @Override
    public ModelData load(DataSpec spec, boolean classification, String source, int line) {
        Path path;
        FileSystem fs;
        try {
            path = new Path(spec.path());
            fs = path.getFileSystem(conf);
            if (!fs.exists(path)) {
                throw new SpecException(spec.path(), 0, null, "data file not found");
            }
        } catch (IllegalArgumentException | IOException e) {
            throw new SpecException(source, line, "loss.data.path", "cannot open '" + spec.path() + "': "
                    + e.getMessage());
        }
        Path file = path;
        FileSystem files = fs;
        if (spec.format() == DataFormat.PARQUET) {
            return ModelDataPreparation.readText(withCsv(spec), classification, spec.path(),
                    () -> ParquetRows.asCsv(file, spec.path(), conf));
        }
        try {
            if (fs.getFileStatus(path).isDirectory()) {
                throw new SpecException(spec.path(), 0, null, "is a directory, not a " + spec.format().label() + " file");
            }
        } catch (IOException e) {
            throw new SpecException(spec.path(), 0, null, "cannot read the data file: " + e.getMessage());
        }
        return ModelDataPreparation.readText(spec, classification, spec.path(), () -> files.open(file));
    }

    private static DataSpec withCsv(DataSpec spec) {
        return new DataSpec(spec.path(), DataFormat.CSV, spec.label(), spec.features(), spec.standardize(),
                spec.validationFraction(), spec.seed(), spec.dropMissing(), spec.maxMb());
    }
}
