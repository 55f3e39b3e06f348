#!/usr/bin/env bash
# The GitHub Action's steps, run as the runner would (run_action.py) against sample repositories:
# a broken manifest fails the job with valid SARIF for the upload; when the upload fails (no
# security-events permission) the findings come out as annotations instead; a clean repository
# passes. The raylog-gen under test is on PATH, so the install step takes it as it is.
# Usage: action_check.sh SOURCE_DIR BINARY PYTHON
set -euo pipefail
src=$(cd "$1" && pwd) bin=$2 python=$3
"$python" -c 'import yaml' 2>/dev/null || { echo "skipped: $python has no yaml module (python3-yaml)"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/bad/k8s" "$work/good/k8s"
ln -s "$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")" "$work/bin/raylog-gen"
export PATH="$work/bin:$PATH"
cp "$src/tests/lint/guide-style.yaml" "$work/bad/k8s/cluster.yaml"
echo "name: not a manifest" >"$work/bad/k8s/values.yml"
cp "$src/examples/sidecar-stdout/rendered.yaml" "$work/good/k8s/cluster.yaml"
fail() { echo "FAIL: $*" >&2; exit 1; }
run() {  # NAME EXPECTED-CODE WORKSPACE ARGS...: the job's output in $work/NAME.log
  local name=$1 want=$2 ws=$3; shift 3
  local code=0
  "$python" "$src/tests/package/run_action.py" "$src" "$ws" "$@" >"$work/$name.log" 2>&1 || code=$?
  [[ $code == "$want" ]] || { cat "$work/$name.log"; fail "$name: job result $code, expected $want"; }
}
has() { grep -qF -- "$2" "$work/$1.log" || { cat "$work/$1.log"; fail "$1: no '$2' in the job's output"; }; }
lacks() { ! grep -qF -- "$2" "$work/$1.log" || { cat "$work/$1.log"; fail "$1: unexpected '$2'"; }; }

run uploaded 1 "$work/bad" --input paths=k8s
has uploaded "using $work/bin/raylog-gen"
has uploaded "k8s/cluster.yaml:14:9: error: Path_Key true"   # readable findings in the log
has uploaded "upload-sarif (stand-in): 6 result(s) in valid SARIF 2.1.0"  # the guide-style manifest's six findings
has uploaded "== Annotate (SARIF not uploaded): skipped"
lacks uploaded "::error file="
echo "ok: broken manifest, SARIF uploaded, job fails"

run fork 1 "$work/bad" --input paths=k8s --upload fails
has fork "::error file=k8s/cluster.yaml,line=14,col=9,title=RL204 tail-path-key-boolean::"
has fork "::warning file=k8s/cluster.yaml"
echo "ok: upload refused, annotations instead"

run annotate-only 1 "$work/bad" --input paths=k8s --input upload-sarif=false
has annotate-only "== Upload SARIF to code scanning: skipped"
has annotate-only "::error file=k8s/cluster.yaml"
echo "ok: upload-sarif false annotates"

run warnings 1 "$work/bad" "--input=paths=k8s/cluster.yaml" --input fail-on=warning --input upload-sarif=false
run clean 0 "$work/good" --input paths=k8s
has clean "upload-sarif (stand-in): 0 result(s)"
has clean "== job result: 0"
echo "ok: clean repository passes"
# Inputs are data, not shell: a path with shell syntax is one (missing) path, exit 2.
run hostile 2 "$work/good" '--input=paths=$(touch pwned)'
[[ ! -e $work/good/pwned ]] || fail "an input was evaluated by the shell"
echo "action: ok"
