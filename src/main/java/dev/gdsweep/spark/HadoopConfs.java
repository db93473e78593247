package dev.gdsweep.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import scala.Tuple2;

/**
 * The Hadoop configuration the driver uses before (and besides) Spark: the defaults plus every
 * {@code spark.hadoop.*} setting given to spark-submit ({@code --conf spark.hadoop.fs.s3a...}), as
 * Spark itself would pass them on, so output and data paths resolve the same way.
 */
public final class HadoopConfs {

    private HadoopConfs() {}

    public static Configuration fromSpark() {
        Configuration conf = new Configuration();
        for (Tuple2<String, String> entry : new SparkConf().getAllWithPrefix("spark.hadoop.")) {
            conf.set(entry._1(), entry._2());
        }
        return conf;
    }
}
