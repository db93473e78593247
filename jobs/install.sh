#!/usr/bin/env bash
# Installs gdsweep for scheduled jobs into DEST (default /opt/gdsweep), the one layout every example in
# jobs/ uses (jobs/Dockerfile copies the same files into its image):
#   DEST/bin/gdsweep                  any gdsweep command through spark-submit (from jobs/bin/gdsweep)
#   DEST/bin/gdsweep-submit           the spark-submit wrapper (from bin/gdsweep-submit)
#   DEST/lib/gdsweep-spark.jar        the thin application jar (mvn package builds it)
#   DEST/conf/log4j2.properties       quiet driver logging
#   DEST/jobs/nightly-rosenbrock.yaml the job's spec
# Run from a checkout after `mvn package`; the machine needs Java 17+ and a Spark 4.x (Scala 2.13)
# installation in SPARK_HOME (default /opt/spark).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dest="${1:-/opt/gdsweep}"
version=$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)
jar="$root/target/gdsweep-$version-spark.jar"
if [ ! -f "$jar" ]; then
  echo "install.sh: $jar is missing: run mvn package first" >&2
  exit 2
fi
mkdir -p "$dest/bin" "$dest/lib" "$dest/conf" "$dest/jobs"
cp "$jar" "$dest/lib/gdsweep-spark.jar"
cp "$root/jobs/bin/gdsweep" "$dest/bin/gdsweep"
cp "$root/bin/gdsweep-submit" "$dest/bin/gdsweep-submit"
cp "$root/conf/log4j2.properties" "$dest/conf/log4j2.properties"
cp "$root/jobs/nightly-rosenbrock.yaml" "$dest/jobs/nightly-rosenbrock.yaml"
chmod 755 "$dest/bin/gdsweep" "$dest/bin/gdsweep-submit"
echo "Installed gdsweep $version in $dest (bin/gdsweep runs any command through \$SPARK_HOME/bin/spark-submit)"
