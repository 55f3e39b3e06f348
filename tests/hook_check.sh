#!/usr/bin/env bash
# The raylet_node_id postStart hook, for real: no grep -oP, then a run
# against a fake raylet process, with /tmp/ray redirected to a temporary folder.
# Usage: hook_check.sh HOOK_SCRIPT (shellcheck runs as its own test, shellcheck/hook).
set -euo pipefail
hook=$1
if grep -v '^[[:space:]]*#' "$hook" | grep -q 'grep -oP'; then echo "hook uses grep -oP"; exit 1; fi
work=$(mktemp -d)
trap 'pkill -P "$fake" 2>/dev/null || true; kill "$fake" 2>/dev/null || true; rm -rf "$work"' EXIT
# A process whose command line looks like the raylet's.
sh -c 'sleep 30; :' raylet --node_id=0123456789abcdef --other=x >/dev/null 2>&1 &
fake=$!
sed "s|/tmp/ray|$work|g" "$hook" > "$work/hook.sh"
timeout 20 sh "$work/hook.sh"
[[ $(cat "$work/raylet_node_id") == 0123456789abcdef ]] || { echo "wrong node id: $(cat "$work/raylet_node_id")"; exit 1; }
echo "hook wrote the node id"
