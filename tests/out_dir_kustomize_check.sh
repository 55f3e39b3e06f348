#!/usr/bin/env bash
# kubectl kustomize builds what `render --out-dir` wrote, with as many objects as stdout has.
# Usage: out_dir_kustomize_check.sh RAYLOG_GEN SPEC. Exit 77 (ctest: skipped) without kubectl.
set -euo pipefail
bin=$1 spec=$2
if ! command -v kubectl >/dev/null 2>&1; then echo "SKIPPED: kubectl is not installed"; exit 77; fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$bin" render "$spec" --out-dir "$dir" 2>/dev/null
built=$(kubectl kustomize "$dir" | grep -c '^kind:')
direct=$("$bin" render "$spec" | grep -c '^kind:')
[[ $built == "$direct" ]] || { echo "kustomize built $built objects, render printed $direct"; exit 1; }
echo "kubectl kustomize built all $built objects"
