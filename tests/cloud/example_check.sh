#!/usr/bin/env bash
# For an example with spec.gke or spec.aks: the script render writes equals the golden one, is
# executable, and its --dry-run against the recording stubs plans the identity steps and the
# apply while the tools see only read-only calls.
# Usage: example_check.sh RAYLOG_GEN EXAMPLE_DIR gke|aks STUB_DIR
set -euo pipefail
bin=$1 dir=$2 cloud=$3 stub_dir=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
script=$cloud-setup.sh
"$bin" render "$dir/raylog.yaml" "--$cloud-script" "$work/$script" >/dev/null
if ! diff -u "$dir/$script" "$work/$script"; then
  echo "$script differs; if intended: cmake --build build --target update-golden"
  exit 1
fi
[[ -x $work/$script ]] || { echo "script is not executable"; exit 1; }
export PATH="$stub_dir:$PATH" STUB_LOG="$work/calls.log"
: >"$STUB_LOG"
STUB_EXISTING=0 bash "$work/$script" --dry-run >"$work/out.txt" 2>"$work/err.txt" || { cat "$work/err.txt"; exit 1; }
if [ "$cloud" = gke ]; then
  grep -q '^+ gcloud iam service-accounts add-iam-policy-binding .* --role=roles/iam.workloadIdentityUser ' "$work/out.txt" ||
    { echo "no workloadIdentityUser binding planned"; exit 1; }
  if grep -E 'roles/(owner|editor)|Admin' "$work/out.txt"; then echo "a broad role was planned"; exit 1; fi
else
  grep -q '^+ az identity federated-credential create ' "$work/out.txt" || { echo "no federated credential planned"; exit 1; }
  # (printf %q, as the dry run prints, escapes the role's blanks with backslashes)
  grep -q '^+ az role assignment create .* --role Storage\\ Blob\\ Data\\ Contributor --scope /subscriptions/[^ ]*/blobServices/default/containers/[^ /]*$' \
    "$work/out.txt" || { echo "no container-scoped role assignment planned"; exit 1; }
fi
grep -qx '+ kubectl apply -f -' "$work/out.txt" || { echo "no kubectl apply"; exit 1; }
changes='^gcloud (services enable|container (clusters|node-pools) update|iam service-accounts (create|add-iam-policy-binding)|'
changes+='projects add-iam-policy-binding|storage buckets add-iam-policy-binding)|'
changes+='^az (aks update|identity create|identity federated-credential create|storage container-rm create|role assignment create)|'
changes+='^kubectl .*(create|annotate|apply)'
if grep -E "$changes" "$STUB_LOG"; then
  echo "dry run changed something"
  exit 1
fi
echo "ok: $(grep -c '^+' "$work/out.txt") planned commands"
