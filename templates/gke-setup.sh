# Body of the GKE setup script. raylog-gen writes above it: set -euo pipefail, every value from
# the spec as a single-quoted shell variable, and the manifests.
# Idempotent: every step checks before it changes anything, so a second run changes nothing.
# Steps and flags: docs.cloud.google.com/kubernetes-engine/docs/how-to/workload-identity and
# the gcloud reference (cloud.google.com/sdk/gcloud/reference: services, container clusters and
# node-pools, iam service-accounts, projects and storage buckets add-iam-policy-binding).

WORKLOAD_POOL="${PROJECT}.svc.id.goog"
GSA_EMAIL="${GSA_ID}@${PROJECT}.iam.gserviceaccount.com"
GSA_MEMBER="serviceAccount:${GSA_EMAIL}"
# The Kubernetes ServiceAccount as an IAM principal of the cluster's workload pool.
KSA_MEMBER="serviceAccount:${WORKLOAD_POOL}[${AGENT_NAMESPACE}/${AGENT_SERVICE_ACCOUNT}]"
CLUSTER_FLAGS=(--location "$LOCATION" --project "$PROJECT")

# One "role,member" line per member of an IAM policy, for has_binding.
POLICY_FORMAT='csv[no-heading](bindings.role,bindings.members)'
has_binding() { grep -qxF -- "$2,$3" <<<"$1"; }

enabled=$(gcloud services list --enabled --project "$PROJECT" --format='value(config.name)')
for api in "${APIS[@]}"; do
  if grep -qxF -- "$api" <<<"$enabled"; then
    echo "API $api is enabled"
  else
    run gcloud services enable "$api" --project "$PROJECT"
  fi
done

# Workload Identity on the cluster (no downtime), and the GKE metadata server on every node pool,
# which serves the bound account's tokens to pods (updating a pool recreates its nodes).
pool=$(gcloud container clusters describe "$CLUSTER" "${CLUSTER_FLAGS[@]}" --format='value(workloadIdentityConfig.workloadPool)')
if [ "$pool" = "$WORKLOAD_POOL" ]; then
  echo "cluster $CLUSTER uses workload pool $WORKLOAD_POOL"
else
  run gcloud container clusters update "$CLUSTER" "${CLUSTER_FLAGS[@]}" --workload-pool="$WORKLOAD_POOL"
fi
node_pools=$(gcloud container node-pools list --cluster "$CLUSTER" "${CLUSTER_FLAGS[@]}" --format='value(name)')
mapfile -t node_pools <<<"$node_pools"
for node_pool in "${node_pools[@]}"; do
  [ -n "$node_pool" ] || continue
  mode=$(gcloud container node-pools describe "$node_pool" --cluster "$CLUSTER" "${CLUSTER_FLAGS[@]}" \
    --format='value(config.workloadMetadataConfig.mode)')
  if [ "$mode" != GKE_METADATA ]; then
    echo "warning: node pool $node_pool does not run the GKE metadata server; updating it recreates its nodes" >&2
    run gcloud container node-pools update "$node_pool" --cluster "$CLUSTER" "${CLUSTER_FLAGS[@]}" --workload-metadata=GKE_METADATA
  fi
done

if gcloud iam service-accounts describe "$GSA_EMAIL" --project "$PROJECT" >/dev/null 2>&1; then
  echo "Google service account $GSA_EMAIL exists"
else
  run gcloud iam service-accounts create "$GSA_ID" --project "$PROJECT" \
    --display-name="Ray log agent ${AGENT_NAMESPACE}/${AGENT_SERVICE_ACCOUNT}"
fi

# Only the roles the outputs need: on the project (Cloud Logging) or on one bucket, never wider.
for i in "${!ROLES[@]}"; do
  role=${ROLES[$i]} bucket=${ROLE_BUCKETS[$i]}
  if [ -z "$bucket" ]; then
    policy=$(gcloud projects get-iam-policy "$PROJECT" --flatten='bindings[].members' --format="$POLICY_FORMAT")
    if has_binding "$policy" "$role" "$GSA_MEMBER"; then
      echo "$GSA_EMAIL has $role on project $PROJECT"
    else
      run gcloud projects add-iam-policy-binding "$PROJECT" --member="$GSA_MEMBER" --role="$role" --condition=None
    fi
  else
    if ! gcloud storage buckets describe "gs://$bucket" --format='value(name)' >/dev/null 2>&1; then
      echo "error: bucket gs://$bucket not found (or not visible to you); create it, then run this script again" >&2
      exit 1
    fi
    policy=$(gcloud storage buckets get-iam-policy "gs://$bucket" --flatten='bindings[].members' --format="$POLICY_FORMAT")
    if has_binding "$policy" "$role" "$GSA_MEMBER"; then
      echo "$GSA_EMAIL has $role on gs://$bucket"
    else
      run gcloud storage buckets add-iam-policy-binding "gs://$bucket" --member="$GSA_MEMBER" --role="$role"
    fi
  fi
done

# The agent's Kubernetes ServiceAccount may act as the Google service account. (The account is
# absent in a dry run that would create it: its policy is empty then.)
policy=$(gcloud iam service-accounts get-iam-policy "$GSA_EMAIL" --project "$PROJECT" \
  --flatten='bindings[].members' --format="$POLICY_FORMAT" 2>/dev/null || true)
if has_binding "$policy" roles/iam.workloadIdentityUser "$KSA_MEMBER"; then
  echo "$AGENT_NAMESPACE/$AGENT_SERVICE_ACCOUNT may act as $GSA_EMAIL"
else
  run gcloud iam service-accounts add-iam-policy-binding "$GSA_EMAIL" --project "$PROJECT" \
    --role=roles/iam.workloadIdentityUser --member="$KSA_MEMBER"
fi

# The manifests carry the ServiceAccount with its iam.gke.io/gcp-service-account annotation.
if ! kubectl get namespace "$AGENT_NAMESPACE" >/dev/null 2>&1; then
  run kubectl create namespace "$AGENT_NAMESPACE"
fi
run kubectl apply -f - <<<"$MANIFESTS"

echo "Done. Check the agent with:"
echo "  kubectl -n $AGENT_NAMESPACE logs $AGENT_WORKLOAD"
