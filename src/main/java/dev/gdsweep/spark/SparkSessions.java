package dev.gdsweep.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the session: local[*] on a laptop, or whatever spark-submit configured on a cluster. */
public final class SparkSessions {

    private SparkSessions() {}

    /**
     * @param master the master to use, or {@code null} to keep spark-submit's (local[*] without one)
     */
    public static SparkSession start(String appName, String master) {
        return start(appName, master, "");
    }

    /**
     * @param jars extra jars for the executors (comma-separated paths), added to any spark.jars given
     */
    public static SparkSession start(String appName, String master, String jars) {
        SparkConf conf = new SparkConf();
        if (!jars.isEmpty()) {
            String existing = conf.get("spark.jars", "");
            conf.set("spark.jars", existing.isEmpty() ? jars : existing + "," + jars);
        }
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        conf.setAppName(appName);
        if (conf.get("spark.master").startsWith("local")) {
            // A laptop run needs no web UI on port 4040, and its summary no 200 shuffle partitions.
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.sql.shuffle.partitions", "4");
            // Running tasks report their run counts with each heartbeat: the progress line moves every second.
            conf.setIfMissing("spark.executor.heartbeatInterval", "1s");
        }
        conf.setIfMissing("spark.sql.parquet.compression.codec", "snappy");
        // The runs table is wide; a longer plan string avoids a warning on every sweep.
        conf.setIfMissing("spark.sql.debug.maxToStringFields", "200");
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
