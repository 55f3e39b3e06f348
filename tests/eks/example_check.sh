#!/usr/bin/env bash
# For an example with spec.eks: the script render writes equals the golden eks-setup.sh, and
# running it with --dry-run against the recording stubs plans the IAM steps and the apply.
# Usage: example_check.sh RAYLOG_GEN EXAMPLE_DIR STUB_DIR
set -euo pipefail
bin=$1 dir=$2 eks_dir=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" render "$dir/raylog.yaml" --eks-script "$work/eks-setup.sh" >/dev/null
if ! diff -u "$dir/eks-setup.sh" "$work/eks-setup.sh"; then
  echo "eks-setup.sh differs; if intended: cmake --build build --target update-golden"
  exit 1
fi
[[ -x $work/eks-setup.sh ]] || { echo "script is not executable"; exit 1; }
export PATH="$eks_dir/stubs:$PATH" STUB_LOG="$work/calls.log"
: >"$STUB_LOG"
STUB_EXISTING=0 bash "$work/eks-setup.sh" --dry-run >"$work/out.txt"
grep -q '^+ aws iam create-policy --policy-name raylog-' "$work/out.txt" || { echo "no create-policy"; exit 1; }
grep -qx '+ kubectl apply -f -' "$work/out.txt" || { echo "no kubectl apply"; exit 1; }
if grep -E '^(aws|eksctl|kubectl) (iam create|iam attach|create|utils|apply)' "$STUB_LOG"; then echo "dry run changed something"; exit 1; fi
echo "ok: $(grep -c '^+' "$work/out.txt") planned commands"
