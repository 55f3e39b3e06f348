#!/usr/bin/env bash
# Runs generated EKS scripts against the stubs in stubs/ (PATH first) and checks:
# - --dry-run prints exactly the changing commands, and runs none of them;
# - a hostile cluster name reaches every command as one literal argument;
# - a second run where everything exists changes nothing and exits 0 (idempotent);
# - missing tools are named up front.
# Usage: dry_run_check.sh EKS_SCRIPT_FIXTURE MODE STUB_DIR
set -euo pipefail
fixture=$1 mode=$2 eks_dir=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PATH="$eks_dir/stubs:$PATH"
export STUB_LOG="$work/calls.log"
fail() { echo "FAIL ($mode): $*" >&2; exit 1; }
q() { printf ' %q' "$@"; }

# shellcheck disable=SC2016  # $(id) is meant literally: a hostile name
for name in demo "x'; rm -rf /; '" '$(id)'; do
  "$fixture" "$mode" "$name" >"$work/setup.sh"
  : >"$STUB_LOG"
  STUB_EXISTING=0 bash "$work/setup.sh" --dry-run >"$work/out.txt"
  cluster_args=$(q --cluster "$name" --region us-west-2)
  expected="+$(q eksctl create cluster --name "$name" --region us-west-2)"
  grep -qxF -- "$expected" "$work/out.txt" || fail "missing: $expected"
  grep -qxF -- "eksctl$(q get cluster --name "$name" --region us-west-2)" "$STUB_LOG" ||
    fail "eksctl get cluster did not receive the name as one argument"
  grep -qF -- "+ aws iam create-policy --policy-name raylog-demo-fluent-bit --policy-document" "$work/out.txt" ||
    fail "no create-policy"
  grep -qxF -- "+ kubectl apply -f -" "$work/out.txt" || fail "no kubectl apply"
  case $mode in
    irsa)
      grep -qxF -- "+ eksctl utils associate-iam-oidc-provider$cluster_args --approve" "$work/out.txt" || fail "no OIDC"
      grep -qxF -- "+ eksctl create iamserviceaccount$cluster_args$(q --namespace amazon-cloudwatch --name fluent-bit --attach-policy-arn arn:aws:iam::123456789012:policy/raylog-demo-fluent-bit --override-existing-serviceaccounts --approve)" "$work/out.txt" ||
        fail "no iamserviceaccount"
      ;;
    pod-identity)
      grep -qxF -- "+ eksctl create addon$cluster_args --name eks-pod-identity-agent" "$work/out.txt" || fail "no addon"
      grep -qxF -- "+ eksctl create podidentityassociation$cluster_args$(q --namespace amazon-cloudwatch --service-account-name fluent-bit --permission-policy-arns arn:aws:iam::123456789012:policy/raylog-demo-fluent-bit)" "$work/out.txt" ||
        fail "no pod identity association"
      ;;
    node-role)
      grep -qxF -- "+ aws iam attach-role-policy --role-name eksctl-demo-NodeInstanceRole-1 --policy-arn arn:aws:iam::123456789012:policy/raylog-demo-fluent-bit" "$work/out.txt" ||
        fail "no attach-role-policy"
      ;;
  esac
  # Dry run: nothing that changes state reached a tool.
  if grep -E '^(aws|eksctl|kubectl) (iam create|iam attach|create|utils|apply)' "$STUB_LOG"; then fail "dry run changed something"; fi
done

# Second run, everything in place: exit 0 and no create calls.
"$fixture" "$mode" demo >"$work/setup.sh"
: >"$STUB_LOG"
STUB_EXISTING=1 bash "$work/setup.sh" >"$work/out.txt" || fail "re-run exited non-zero"
if grep -E '^(aws iam create-policy|eksctl create (cluster|addon|podidentityassociation)|kubectl( -n [^ ]+)? create)' "$STUB_LOG"; then
  fail "re-run created something again"
fi

# A missing tool is named before anything runs.
mkdir "$work/bin"
for tool in bash cat dirname basename printf; do ln -s "$(command -v "$tool")" "$work/bin/$tool" 2>/dev/null || true; done
if PATH="$work/bin" bash "$work/setup.sh" --dry-run 2>"$work/err.txt"; then fail "ran without aws on PATH"; fi
grep -q "'aws' is required" "$work/err.txt" || fail "missing-tool message: $(cat "$work/err.txt")"
echo "ok ($mode)"
