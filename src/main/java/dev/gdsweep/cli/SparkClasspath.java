package dev.gdsweep.cli;

/**
 * Whether Spark and Hadoop can be loaded here. The thin jar run with plain {@code java -jar} has neither:
 * the commands that need them say so in one line and exit {@link ExitCodes#BAD_INPUT} (nothing was run or
 * written), instead of failing on the first Spark or Hadoop class they touch. Refers to no Spark type
 * itself, so that it links without Spark.
 */
final class SparkClasspath {

    /** One class of each: the Spark session the commands start, the Hadoop file system they read through. */
    private static final String[] NEEDED = {"org.apache.spark.sql.SparkSession", "org.apache.hadoop.conf.Configuration"};

    private SparkClasspath() {}

    /** Throws {@link Missing} naming {@code command} when Spark or Hadoop is not on the classpath. */
    static void require(String command) {
        for (String name : NEEDED) {
            try {
                Class.forName(name, false, SparkClasspath.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                throw new Missing(command + " needs Spark on the classpath (" + name + " is missing): use bin/gdsweep"
                        + " on this machine, or spark-submit (bin/gdsweep-submit) with the -spark jar");
            }
        }
    }

    /** The user ran a Spark command where there is no Spark: a usage mistake, exit 2. */
    static final class Missing extends RuntimeException {
        Missing(String message) {
            super(message);
        }
    }
}
