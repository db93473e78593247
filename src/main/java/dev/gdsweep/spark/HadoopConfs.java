package dev.gdsweep.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.SparkHadoopUtil;

/**
 * The Hadoop configuration the driver uses before (and besides) Spark, built as Spark builds
 * {@code sparkContext.hadoopConfiguration}: the defaults ({@code core-site.xml}), the AWS credentials in the
 * environment ({@code AWS_ACCESS_KEY_ID}, ...) as {@code fs.s3a.*}, every {@code spark.hadoop.*} setting given
 * to spark-submit ({@code --conf spark.hadoop.fs.s3a...}) and {@code spark.buffer.size}; so the output
 * checks, the lock, publishing and the data files see the same file systems as the executors.
 */
public final class HadoopConfs {

    private HadoopConfs() {}

    public static Configuration fromSpark() {
        // Spark's own recipe (SparkContext uses it), not a copy of it: a new rule in Spark applies here too.
        return SparkHadoopUtil.get().newConfiguration(new SparkConf());
    }
}
