"""Nightly gdsweep sweep on a Spark cluster, then a regression check against the previous run.

Needs the apache-airflow-providers-apache-spark package, a Spark connection (`spark_default`)
pointing at the cluster, and on the Airflow workers gdsweep installed in /opt/gdsweep (`jobs/install.sh`
from a checkout after `mvn package`, or the image `jobs/Dockerfile` builds) with Spark in SPARK_HOME.
The report path must be on storage the driver and every executor share (HDFS, S3 via s3a, a shared
mount).
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

GDSWEEP_HOME = "/opt/gdsweep"
JAR = f"{GDSWEEP_HOME}/lib/gdsweep-spark.jar"
SPEC = f"{GDSWEEP_HOME}/jobs/nightly-rosenbrock.yaml"
REPORTS = "hdfs:///reports"
RUN_ID = "{{ ts_nodash }}"  # one run per schedule slot; a retry of the slot replaces that run

with DAG(
    dag_id="gdsweep_nightly",
    schedule="0 3 * * *",
    start_date=datetime(2026, 11, 1),
    catchup=False,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=10)},
    tags=["gdsweep"],
) as dag:
    sweep = SparkSubmitOperator(
        task_id="sweep",
        conn_id="spark_default",
        application=JAR,
        java_class="dev.gdsweep.cli.Main",
        application_args=["run", SPEC, "--run-id", RUN_ID, "--quiet"],
        env_vars={"GDSWEEP_REPORTS": REPORTS},
        conf={"spark.executor.cores": "2", "spark.executor.memory": "2g"},
    )

    compare = BashOperator(
        task_id="compare",
        # Exit code 3 (a gate crossed) fails the task, so the regression is visible in Airflow. bin/gdsweep
        # runs compare through spark-submit on this worker, with the Spark in SPARK_HOME.
        bash_command=(
            f"{GDSWEEP_HOME}/bin/gdsweep compare {REPORTS}/nightly-rosenbrock "
            f"--baseline previous --candidate {RUN_ID}"
        ),
    )

    sweep >> compare
