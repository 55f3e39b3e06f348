#!/usr/bin/env bash
# The v1.6 collector's previous-session move, run as KubeRay runs a Ray container command that
# lacks "ray start": bash -c '<command> && ulimit ...; ray start ...' (pod.go BuildPod).
# Usage: previous_session_check.sh SCRIPT
set -euo pipefail
script=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
body=$(grep -v '^[[:space:]]*#' "$script" | sed "s|/tmp/ray|$work|g")

# No session yet (the pod's first start): nothing moves, ray start still runs.
out=$(bash -c "$body && echo ray-start")
[ "$out" = ray-start ] || { echo "first start: ray start not reached ($out)"; exit 1; }

# A restarted Ray container: the last session's logs go where the collector uploads them from.
mkdir -p "$work/session_2026-11-23_10-00-00_000000_1/logs"
echo line > "$work/session_2026-11-23_10-00-00_000000_1/logs/raylet.out"
ln -s "$work/session_2026-11-23_10-00-00_000000_1" "$work/session_latest"
echo abc123 > "$work/raylet_node_id"
out=$(bash -c "$body && echo ray-start")
[ "$out" = ray-start ] || { echo "restart: ray start not reached ($out)"; exit 1; }
moved="$work/prev-logs/session_2026-11-23_10-00-00_000000_1/abc123/logs/raylet.out"
[ -f "$moved" ] || { echo "logs not moved to $moved"; find "$work"; exit 1; }
echo "previous session's logs moved to prev-logs/<session>/<node id>/logs; ray start reached"
