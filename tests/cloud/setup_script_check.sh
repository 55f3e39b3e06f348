#!/usr/bin/env bash
# Runs generated GKE/AKS setup scripts against the recording stubs in stubs/ (PATH first) and
# compares every call, argument by argument, with the expected list below:
# - --dry-run: the tools see only the read-only calls, and stdout plans exactly the changing ones;
# - first run, nothing exists: the reads and the changes, in order;
# - second run, everything exists: the reads only (idempotent), exit 0;
# - hostile cluster names reach every command as one literal argument;
# - missing tools are named up front.
# Usage: setup_script_check.sh CLOUD_SCRIPT_FIXTURE gke|aks STUB_DIR
set -euo pipefail
fixture=$1 cloud=$2 stub_dir=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PATH="$stub_dir:$PATH"
export STUB_LOG="$work/calls.log"
fail() { echo "FAIL ($cloud, cluster $(printf %q "$name")): $*" >&2; exit 1; }
q() { printf ' %q' "$@"; }
R() { echo "R $1$(q "${@:2}")"; }  # a call that only reads
W() { echo "W $1$(q "${@:2}")"; }  # a call that changes something

# The expected calls for cluster $name; $1 = 1 when everything exists already.
gke_calls() {
  local have=$1 pool=(--location us-central1 --project demo-project)
  local email=raylog-demo@demo-project.iam.gserviceaccount.com fmt='csv[no-heading](bindings.role,bindings.members)'
  R gcloud services list --enabled --project demo-project '--format=value(config.name)'
  if [ "$have" = 0 ]; then
    for api in iam iamcredentials logging storage; do W gcloud services enable "$api.googleapis.com" --project demo-project; done
  fi
  R gcloud container clusters describe "$name" "${pool[@]}" '--format=value(workloadIdentityConfig.workloadPool)'
  [ "$have" = 1 ] || W gcloud container clusters update "$name" "${pool[@]}" --workload-pool=demo-project.svc.id.goog
  R gcloud container node-pools list --cluster "$name" "${pool[@]}" '--format=value(name)'
  R gcloud container node-pools describe default-pool --cluster "$name" "${pool[@]}" '--format=value(config.workloadMetadataConfig.mode)'
  [ "$have" = 1 ] || W gcloud container node-pools update default-pool --cluster "$name" "${pool[@]}" --workload-metadata=GKE_METADATA
  R gcloud iam service-accounts describe "$email" --project demo-project
  [ "$have" = 1 ] || W gcloud iam service-accounts create raylog-demo --project demo-project '--display-name=Ray log agent ray/demo-collector'
  R gcloud projects get-iam-policy demo-project '--flatten=bindings[].members' "--format=$fmt"
  [ "$have" = 1 ] || W gcloud projects add-iam-policy-binding demo-project "--member=serviceAccount:$email" --role=roles/logging.logWriter --condition=None
  R gcloud storage buckets describe gs://ray-history '--format=value(name)'
  R gcloud storage buckets get-iam-policy gs://ray-history '--flatten=bindings[].members' "--format=$fmt"
  [ "$have" = 1 ] || W gcloud storage buckets add-iam-policy-binding gs://ray-history "--member=serviceAccount:$email" --role=roles/storage.objectUser
  R gcloud iam service-accounts get-iam-policy "$email" --project demo-project '--flatten=bindings[].members' "--format=$fmt"
  [ "$have" = 1 ] || W gcloud iam service-accounts add-iam-policy-binding "$email" --project demo-project \
    --role=roles/iam.workloadIdentityUser '--member=serviceAccount:demo-project.svc.id.goog[ray/demo-collector]'
  R kubectl get namespace ray
  [ "$have" = 1 ] || W kubectl create namespace ray
  W kubectl apply -f -
}

# $2 = 1 for a dry run (the identity's IDs are placeholders there: Azure assigns them).
aks_calls() {
  local have=$1 dry=$2 sub=(--subscription 00000000-1111-2222-3333-444444444444)
  local scope=/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/storage-rg/providers/Microsoft.Storage/storageAccounts/raylogsdemo/blobServices/default/containers/ray-historyserver
  local principal=66666666-7777-8888-9999-000000000000 client=11111111-2222-3333-4444-555555555555
  local issuer=https://oidc.example/issuer/
  if [ "$dry" = 1 ]; then principal='<principal ID of the new identity>' client='<client ID of the new identity>' issuer='<OIDC issuer of the cluster>'; fi
  local aks=(az aks show "${sub[@]}" --resource-group ray-rg --name "$name" --query)
  local identity=(az identity show "${sub[@]}" --resource-group ray-rg --name raylog-demo --query)
  R "${aks[@]}" oidcIssuerProfile.issuerUrl --output tsv
  R "${aks[@]}" securityProfile.workloadIdentity.enabled --output tsv
  if [ "$have" = 0 ]; then
    W az aks update "${sub[@]}" --resource-group ray-rg --name "$name" --enable-oidc-issuer --enable-workload-identity
    R "${aks[@]}" oidcIssuerProfile.issuerUrl --output tsv
  fi
  R "${identity[@]}" id --output tsv
  [ "$have" = 1 ] || W az identity create "${sub[@]}" --resource-group ray-rg --name raylog-demo
  R "${identity[@]}" clientId --output tsv
  R "${identity[@]}" principalId --output tsv
  R az storage container-rm show "${sub[@]}" --resource-group storage-rg --storage-account raylogsdemo --name ray-historyserver
  [ "$have" = 1 ] || W az storage container-rm create "${sub[@]}" --resource-group storage-rg --storage-account raylogsdemo --name ray-historyserver
  R az role assignment list "${sub[@]}" --assignee "$principal" --role 'Storage Blob Data Contributor' --scope "$scope" --query 'length(@)' --output tsv
  [ "$have" = 1 ] || W az role assignment create "${sub[@]}" --assignee-object-id "$principal" --assignee-principal-type ServicePrincipal \
    --role 'Storage Blob Data Contributor' --scope "$scope"
  R az identity federated-credential show "${sub[@]}" --resource-group ray-rg --identity-name raylog-demo --name ray-demo-collector
  [ "$have" = 1 ] || W az identity federated-credential create "${sub[@]}" --resource-group ray-rg --identity-name raylog-demo \
    --name ray-demo-collector --issuer "$issuer" --subject system:serviceaccount:ray:demo-collector --audiences api://AzureADTokenExchange
  R kubectl get namespace ray
  [ "$have" = 1 ] || W kubectl create namespace ray
  R kubectl -n ray get serviceaccount demo-collector
  [ "$have" = 1 ] || W kubectl -n ray create serviceaccount demo-collector
  R kubectl -n ray get serviceaccount demo-collector '-o' 'jsonpath={.metadata.annotations.azure\.workload\.identity/client-id}'
  [ "$have" = 1 ] || W kubectl -n ray annotate serviceaccount demo-collector --overwrite "azure.workload.identity/client-id=$client"
  W kubectl apply -f -
}

calls() { if [ "$cloud" = gke ]; then gke_calls "$1"; else aks_calls "$1" "$2"; fi; }
same() {  # expected actual what
  diff -u "$1" "$2" >"$work/diff.txt" || fail "$3 differ from the expected calls:
$(cat "$work/diff.txt")"
}
export STUB_BINDINGS="roles/logging.logWriter,serviceAccount:raylog-demo@demo-project.iam.gserviceaccount.com
roles/storage.objectUser,serviceAccount:raylog-demo@demo-project.iam.gserviceaccount.com
roles/iam.workloadIdentityUser,serviceAccount:demo-project.svc.id.goog[ray/demo-collector]"

# shellcheck disable=SC2016  # $(id) is meant literally: a hostile name
for name in demo "x'; rm -rf /; '" '$(id)' 'two words'; do
  "$fixture" "$cloud" "$name" >"$work/setup.sh"
  bash -n "$work/setup.sh" || fail "not valid bash"

  rm -f "$STUB_LOG"*; : >"$STUB_LOG"
  STUB_EXISTING=0 bash "$work/setup.sh" --dry-run >"$work/out.txt" 2>"$work/err.txt" || fail "dry run exited non-zero: $(cat "$work/err.txt")"
  calls 0 1 | sed -n 's/^R //p' >"$work/want.txt"
  same "$work/want.txt" "$STUB_LOG" "dry run: the tools' calls"
  calls 0 1 | sed -n 's/^W /+ /p' >"$work/want.txt"
  grep '^+ ' "$work/out.txt" >"$work/planned.txt" || true
  same "$work/want.txt" "$work/planned.txt" "dry run: the planned changes"

  rm -f "$STUB_LOG"*; : >"$STUB_LOG"
  STUB_EXISTING=0 bash "$work/setup.sh" >"$work/out.txt" 2>"$work/err.txt" || fail "first run exited non-zero: $(cat "$work/err.txt")"
  calls 0 0 | sed 's/^[RW] //' >"$work/want.txt"
  same "$work/want.txt" "$STUB_LOG" "first run: the calls"

  rm -f "$STUB_LOG"*; : >"$STUB_LOG"
  STUB_EXISTING=1 bash "$work/setup.sh" >"$work/out.txt" 2>"$work/err.txt" || fail "second run exited non-zero: $(cat "$work/err.txt")"
  calls 1 0 | sed 's/^[RW] //' >"$work/want.txt"
  same "$work/want.txt" "$STUB_LOG" "second run: the calls (only reads and the apply)"
done

# A missing tool is named before anything runs.
mkdir "$work/bin"
for tool in bash cat dirname basename printf; do ln -s "$(command -v "$tool")" "$work/bin/$tool" 2>/dev/null || true; done
tool=gcloud
[ "$cloud" = gke ] || tool=az
if PATH="$work/bin" bash "$work/setup.sh" --dry-run 2>"$work/err.txt"; then fail "ran without $tool on PATH"; fi
grep -q "'$tool' is required" "$work/err.txt" || fail "missing-tool message: $(cat "$work/err.txt")"
echo "ok ($cloud): dry run, first run and second run match the expected calls for 4 cluster names"
