#!/usr/bin/env bash
# Runs shellcheck on a generated or embedded shell script. Exit 77 (ctest: skipped) without shellcheck.
set -euo pipefail
if ! command -v shellcheck >/dev/null 2>&1; then echo "SKIPPED: shellcheck is not installed"; exit 77; fi
shellcheck "$@"
