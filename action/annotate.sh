#!/usr/bin/env bash
# The action's fallback: the findings as workflow annotations (::error file=...), on the pull
# request's diff, when the SARIF upload is off or failed.
set -euo pipefail
# shellcheck source=action/lint_args.sh
source "$(dirname "${BASH_SOURCE[0]}")/lint_args.sh"
raylog-gen "${lint_args[@]}" --format github "${lint_paths[@]}" || true  # the Result step carries the exit code
