"""Anonymize tables with Veil: one spark-submit of the shaded jar, `run CONFIG`.

Set up once (Admin > Variables / Connections, or AIRFLOW_VAR_* / AIRFLOW_CONN_* variables):
  veil_jar     (Variable)    path or URL of veil-spark-jobs-<version>-all.jar as spark-submit sees it
  veil_config  (Variable)    the job config's path; a run's `config` param overrides it
  veil_spark   (Connection)  type spark: host = the master (yarn, k8s://..., spark://..., local[2]),
                             extra {"deploy-mode": "client"}
  veil_keys    (Connection)  optional: extra = {"VEIL_KEY_PII_V1": "<base64 key>", ...}, for jobs
                             whose config reads keys from env: sources

Keys never go through templates. Airflow renders a task's templated fields before it runs, stores
the rendered values and shows them under "Rendered Template"; secrets placed in
SparkSubmitOperator's templated `application_args`, `conf` or `env_vars` have leaked that way.
So VeilSubmitOperator reads the keys connection inside execute(), after rendering, registers each
value with the log masker, and hands them to spark-submit's process environment only. With a
local or standalone master in client mode the driver, where Veil reads keys, inherits that
environment; executors get keys inside Veil's operations and need no access of their own. For
masters the provider treats as YARN or Kubernetes it turns env_vars into `--conf` arguments on the
spark-submit command line, and it decides that by "yarn" or "k8s" appearing anywhere in the master
(`spark://k8s-master:7077` included). So the operator asks the provider's own hook and refuses to
pass keys to such a master, or to one the hook cannot be built for: use `hadoop:` or `keystore:`
key sources or Kubernetes secrets (spark.kubernetes.driver.secretKeyRef.*) and keys_conn_id=None
instead. Without a keys connection spark-submit inherits the Airflow worker's environment.
"""

from __future__ import annotations

import re

import pendulum
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sdk import DAG, Connection, Param
from airflow.sdk.exceptions import AirflowException, AirflowFailException, AirflowNotFoundException
from airflow.sdk.log import mask_secret

# Veil's exit codes that no retry can fix (see README, "Commands").
PERMANENT_FAILURES = {
    2: "bad usage or invalid config",
    3: "the data does not fit the config",
    4: "verification after writing failed",
}


class VeilSubmitOperator(SparkSubmitOperator):
    """SparkSubmitOperator that adds key material to the job's environment at run time only."""

    def __init__(self, *, conn_id: str = "spark_default", keys_conn_id: str | None = "veil_keys", **kwargs):
        super().__init__(conn_id=conn_id, **kwargs)
        self.spark_conn_id = conn_id
        self.keys_conn_id = keys_conn_id

    def execute(self, context):
        keys = self._keys_from_connection()
        if keys:
            self._refuse_command_line_env()
            # Set after template rendering: never stored as a rendered field, never in the command.
            self.env_vars = {**(self.env_vars or {}), **keys}
        try:
            return super().execute(context)
        except AirflowException as e:
            match = re.search(r"Error code is: (\d+)", str(e))
            code = int(match.group(1)) if match else None
            if code in PERMANENT_FAILURES:
                raise AirflowFailException(
                    f"Veil job failed with exit code {code} ({PERMANENT_FAILURES[code]}); not retrying"
                ) from e
            raise

    def _keys_from_connection(self) -> dict[str, str]:
        if not self.keys_conn_id:
            return {}
        try:
            extra = Connection.get(self.keys_conn_id).extra_dejson
        except AirflowNotFoundException:
            self.log.info("No connection %s: the job reads keys from the inherited environment",
                          self.keys_conn_id)
            return {}
        keys = {}
        for name, value in extra.items():
            if not re.fullmatch(r"[A-Z_][A-Z0-9_]*", name):
                raise AirflowFailException(
                    f"Invalid key name {name!r} in connection {self.keys_conn_id}: "
                    "names must be environment variable names such as VEIL_KEY_PII_V1")
            mask_secret(str(value), name)
            keys[name] = str(value)
        self.log.info("Passing %d key(s) from connection %s to the job's environment: %s",
                      len(keys), self.keys_conn_id, ", ".join(sorted(keys)))
        return keys

    def _refuse_command_line_env(self) -> None:
        # Ask the provider's hook, built as SparkSubmitOperator.execute() builds it, rather than
        # repeat its test: SparkSubmitHook puts env_vars on the command line whenever its _is_yarn
        # or _is_kubernetes flag is set, from the master it resolves out of the connection. The
        # probe is built before the keys join env_vars and then dropped; execute() builds its own.
        # A hook that cannot be built (a Kubernetes master without the Kubernetes provider) or
        # lacks the flags (a provider that renamed them) cannot say, so the keys are refused.
        try:
            hook = self._get_hook()
            on_command_line = hook._is_yarn or hook._is_kubernetes
            master = hook._connection["master"]
        except Exception as e:
            raise AirflowFailException(
                f"Cannot pass keys from connection {self.keys_conn_id} to the master of connection "
                f"{self.spark_conn_id}: the provider's SparkSubmitHook cannot be built for it "
                f"({type(e).__name__}: {e}), so Veil cannot tell whether they would go on the "
                "spark-submit command line.") from e
        if on_command_line:
            raise AirflowFailException(
                f"Cannot pass keys from connection {self.keys_conn_id} to the {master} master: the "
                "provider treats it as a YARN or Kubernetes master and would put them on the "
                "spark-submit command line. Use hadoop: or keystore: key sources, or Kubernetes "
                "secrets, and set keys_conn_id=None.")


with DAG(
    dag_id="veil_anonymize",
    description="Anonymize tables with Veil (spark-submit of the shaded jar)",
    schedule=None,
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,  # two runs of one job would race to publish the same output paths
    # Retries come from core.default_task_retries; exit codes 2, 3 and 4 are never retried.
    params={
        "config": Param(None, type=["null", "string"],
                        description="Job config path as the driver sees it; default: Variable veil_config"),
    },
    tags=["veil", "anonymization"],
) as dag:
    VeilSubmitOperator(
        task_id="anonymize",
        conn_id="veil_spark",
        keys_conn_id="veil_keys",
        application="{{ var.value.veil_jar }}",
        java_class="io.veil.job.Main",
        application_args=["run", "{{ params.config or var.value.veil_config }}"],
        name="veil-{{ dag_run.run_id }}",
        verbose=False,
    )
