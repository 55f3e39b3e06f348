# Body of the AKS setup script. raylog-gen writes above it: set -euo pipefail, every value from
# the spec as a single-quoted shell variable, and the manifests.
# Idempotent: every step checks before it changes anything, so a second run changes nothing.
# Steps and flags: learn.microsoft.com/azure/aks/workload-identity-deploy-cluster and the az
# reference (az aks, az identity, az identity federated-credential, az storage container-rm,
# az role assignment).

SUB=(--subscription "$SUBSCRIPTION")
ROLE='Storage Blob Data Contributor'
# The Kubernetes ServiceAccount as the federated credential's subject (the token's sub claim).
SUBJECT="system:serviceaccount:${AGENT_NAMESPACE}:${AGENT_SERVICE_ACCOUNT}"

# The cluster's OIDC issuer and the workload identity webhook.
aks_query() { az aks show "${SUB[@]}" --resource-group "$RESOURCE_GROUP" --name "$CLUSTER" --query "$1" --output tsv; }
issuer=$(aks_query oidcIssuerProfile.issuerUrl)
webhook=$(aks_query securityProfile.workloadIdentity.enabled)
if [ -n "$issuer" ] && [ "${webhook,,}" = true ]; then
  echo "cluster $CLUSTER has an OIDC issuer and workload identity"
else
  run az aks update "${SUB[@]}" --resource-group "$RESOURCE_GROUP" --name "$CLUSTER" --enable-oidc-issuer --enable-workload-identity
  issuer=$(aks_query oidcIssuerProfile.issuerUrl)
fi

identity_query() {
  az identity show "${SUB[@]}" --resource-group "$RESOURCE_GROUP" --name "$IDENTITY_NAME" --query "$1" --output tsv 2>/dev/null
}
if identity_query id >/dev/null; then
  echo "managed identity $IDENTITY_NAME exists"
else
  run az identity create "${SUB[@]}" --resource-group "$RESOURCE_GROUP" --name "$IDENTITY_NAME"
fi
client_id=$(identity_query clientId || true)
principal_id=$(identity_query principalId || true)
if [ -z "$client_id" ]; then  # a dry run that would create the identity: Azure assigns its IDs then
  client_id='<client ID of the new identity>' principal_id='<principal ID of the new identity>'
fi

# Storage Blob Data Contributor on each container only, not the account.
for container in "${CONTAINERS[@]}"; do
  if az storage container-rm show "${SUB[@]}" --resource-group "$STORAGE_RESOURCE_GROUP" --storage-account "$STORAGE_ACCOUNT" \
    --name "$container" >/dev/null 2>&1; then
    echo "container $container exists"
  else
    run az storage container-rm create "${SUB[@]}" --resource-group "$STORAGE_RESOURCE_GROUP" \
      --storage-account "$STORAGE_ACCOUNT" --name "$container"
  fi
  scope="/subscriptions/$SUBSCRIPTION/resourceGroups/$STORAGE_RESOURCE_GROUP/providers/Microsoft.Storage/storageAccounts/$STORAGE_ACCOUNT/blobServices/default/containers/$container"
  assigned=$(az role assignment list "${SUB[@]}" --assignee "$principal_id" --role "$ROLE" --scope "$scope" \
    --query 'length(@)' --output tsv 2>/dev/null || echo 0)
  # --assignee-principal-type: no directory lookup, so a just-created identity is found at once.
  if [ "${assigned:-0}" != 0 ]; then
    echo "$IDENTITY_NAME has $ROLE on container $container"
  else
    run az role assignment create "${SUB[@]}" --assignee-object-id "$principal_id" --assignee-principal-type ServicePrincipal \
      --role "$ROLE" --scope "$scope"
  fi
done

if az identity federated-credential show "${SUB[@]}" --resource-group "$RESOURCE_GROUP" --identity-name "$IDENTITY_NAME" \
  --name "$FEDERATED_CREDENTIAL_NAME" >/dev/null 2>&1; then
  echo "federated credential $FEDERATED_CREDENTIAL_NAME exists"
else
  run az identity federated-credential create "${SUB[@]}" --resource-group "$RESOURCE_GROUP" --identity-name "$IDENTITY_NAME" \
    --name "$FEDERATED_CREDENTIAL_NAME" --issuer "${issuer:-<OIDC issuer of the cluster>}" --subject "$SUBJECT" \
    --audiences api://AzureADTokenExchange
fi

# The client ID is Azure's, known only once the identity exists, so the ServiceAccount gets its
# annotation here, before the pods (the webhook reads it when a pod is created); kubectl apply
# keeps an annotation the manifests do not mention.
if ! kubectl get namespace "$AGENT_NAMESPACE" >/dev/null 2>&1; then
  run kubectl create namespace "$AGENT_NAMESPACE"
fi
if ! kubectl -n "$AGENT_NAMESPACE" get serviceaccount "$AGENT_SERVICE_ACCOUNT" >/dev/null 2>&1; then
  run kubectl -n "$AGENT_NAMESPACE" create serviceaccount "$AGENT_SERVICE_ACCOUNT"
fi
annotated=$(kubectl -n "$AGENT_NAMESPACE" get serviceaccount "$AGENT_SERVICE_ACCOUNT" \
  -o 'jsonpath={.metadata.annotations.azure\.workload\.identity/client-id}' 2>/dev/null || true)
if [ "$annotated" = "$client_id" ]; then
  echo "ServiceAccount $AGENT_SERVICE_ACCOUNT names client ID $client_id"
else
  run kubectl -n "$AGENT_NAMESPACE" annotate serviceaccount "$AGENT_SERVICE_ACCOUNT" --overwrite \
    "azure.workload.identity/client-id=$client_id"
fi
run kubectl apply -f - <<<"$MANIFESTS"

echo "Done. Check the collector with:"
echo "  kubectl -n $AGENT_NAMESPACE logs $AGENT_WORKLOAD"
