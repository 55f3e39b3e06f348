#!/usr/bin/env bash
# The action's lint step: the findings as text in the log and as SARIF in RUNNER_TEMP; the SARIF
# path and lint's exit code become step outputs. The step itself succeeds so the upload and
# annotation steps run; the Result step fails the job with lint's exit code.
set -euo pipefail
# shellcheck source=action/lint_args.sh
source "$(dirname "${BASH_SOURCE[0]}")/lint_args.sh"
sarif=$RUNNER_TEMP/raylog-gen.sarif
code=0
raylog-gen "${lint_args[@]}" --format sarif "${lint_paths[@]}" >"$sarif" || code=$?
raylog-gen "${lint_args[@]}" "${lint_paths[@]}" || true  # the same findings, readable, in the log
{
  echo "sarif-file=$sarif"
  echo "exit-code=$code"
} >>"$GITHUB_OUTPUT"
