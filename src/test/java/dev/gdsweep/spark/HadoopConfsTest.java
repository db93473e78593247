package dev.gdsweep.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class HadoopConfsTest {

    /** What spark-submit's --conf becomes in the driver JVM: system properties, read by new SparkConf(). */
    static final Map<String, String> SUBMITTED = Map.of(
            "spark.hadoop.fs.s3a.endpoint", "http://minio.example:9000",
            "spark.hadoop.fs.s3a.access.key", "AKIAEXAMPLE",
            "spark.hadoop.fs.s3a.secret.key", "secret-example",
            "spark.buffer.size", "131072");

    @Test
    void theDriversConfigurationHasTheSparkHadoopSettingsAsSparkContextsWould() {
        SUBMITTED.forEach(System::setProperty);
        try {
            Configuration conf = HadoopConfs.fromSpark();
            assertThat(conf.get("fs.s3a.endpoint")).isEqualTo("http://minio.example:9000");
            assertThat(conf.get("fs.s3a.access.key")).isEqualTo("AKIAEXAMPLE");
            assertThat(conf.get("fs.s3a.secret.key")).isEqualTo("secret-example");
            // Spark's rule beyond the spark.hadoop.* prefix: its buffer size is Hadoop's too.
            assertThat(conf.get("io.file.buffer.size")).isEqualTo("131072");
        } finally {
            SUBMITTED.keySet().forEach(System::clearProperty);
        }
        assertThat(HadoopConfs.fromSpark().get("fs.s3a.endpoint")).isNull();
    }
}
