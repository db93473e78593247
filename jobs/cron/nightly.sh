#!/usr/bin/env bash
# The nightly job: run the sweep under a new run id, then compare it with the previous complete run.
# Exits non-zero when the sweep fails (1), the spec is bad (2) or a gate is crossed (3), so cron's mail
# (or your log watcher) reports a regression. GDSWEEP_RUN_ID overrides the run id (default: the UTC
# minute); GDSWEEP_REPORTS the reports folder (default: reports).
set -euo pipefail
cd "$(dirname "$0")/../.."
run_id="${GDSWEEP_RUN_ID:-$(date -u +%Y-%m-%dT%H%MZ)}"
reports="${GDSWEEP_REPORTS:-reports}"

bin/gdsweep run jobs/nightly-rosenbrock.yaml --run-id "$run_id" --quiet --no-report
bin/gdsweep compare "$reports/nightly-rosenbrock" --baseline previous --candidate "$run_id"
