#!/usr/bin/env bash
# Runs `kubectl kustomize --enable-alpha-plugins DIR` with raylog-gen installed as the exec
# plugin in a temporary config home, and compares with DIR/expected.yaml.
# Usage: kustomize_check.sh RAYLOG_GEN DIR [--update]. Exit 77 (ctest: skipped) without kubectl.
set -euo pipefail
bin=$1 dir=$2 mode=${3:-}
if ! command -v kubectl >/dev/null 2>&1; then
  echo "SKIPPED: kubectl is not installed"
  exit 77
fi
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
"$bin" plugin install --home "$home" >/dev/null
actual=$(XDG_CONFIG_HOME=$home kubectl kustomize --enable-alpha-plugins "$dir")
if [[ $mode == --update ]]; then
  printf '%s\n' "$actual" > "$dir/expected.yaml"
  exit 0
fi
if ! diff -u "$dir/expected.yaml" <(printf '%s\n' "$actual"); then
  echo "kustomize output differs from $dir/expected.yaml; if intended: cmake --build build --target update-golden"
  exit 1
fi
