#!/usr/bin/env bash
# The zsh or fish completion script parses in its shell (bash's is run by completion_check.sh).
# Skipped (77) where that shell is not installed.
# Usage: shell_syntax_check.sh zsh|fish SCRIPT
set -euo pipefail
shell=$1 script=$2
command -v "$shell" >/dev/null || { echo "skipped: $shell is not installed"; exit 77; }
"$shell" -n "$script"
echo "$shell: $script parses"
