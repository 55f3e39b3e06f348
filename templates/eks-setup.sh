# Body of the EKS setup script. raylog-gen writes above it: set -euo pipefail, every value
# from the spec as a single-quoted shell variable, the IAM policy and the manifests.
# Idempotent: every step checks before it changes anything, so a second run changes nothing.

if [ "$CREATE_CLUSTER" = true ]; then
  if eksctl get cluster --name "$CLUSTER_NAME" --region "$REGION" >/dev/null 2>&1; then
    echo "cluster $CLUSTER_NAME exists"
  else
    run eksctl create cluster --name "$CLUSTER_NAME" --region "$REGION"
  fi
fi

ACCOUNT_ID=$(aws sts get-caller-identity --query Account --output text)
POLICY_ARN="arn:aws:iam::${ACCOUNT_ID}:policy/${POLICY_NAME}"
if aws iam get-policy --policy-arn "$POLICY_ARN" >/dev/null 2>&1; then
  echo "IAM policy $POLICY_NAME exists"
else
  run aws iam create-policy --policy-name "$POLICY_NAME" --policy-document "$POLICY_DOCUMENT"
fi

if ! kubectl get namespace "$AGENT_NAMESPACE" >/dev/null 2>&1; then
  run kubectl create namespace "$AGENT_NAMESPACE"
fi

case "$IAM_MODE" in
  irsa)
    # Credentials for the agent's ServiceAccount only (IAM Roles for Service Accounts).
    run eksctl utils associate-iam-oidc-provider --cluster "$CLUSTER_NAME" --region "$REGION" --approve
    run eksctl create iamserviceaccount --cluster "$CLUSTER_NAME" --region "$REGION" \
      --namespace "$AGENT_NAMESPACE" --name "$AGENT_SERVICE_ACCOUNT" --attach-policy-arn "$POLICY_ARN" \
      --override-existing-serviceaccounts --approve
    ;;
  pod-identity)
    # Credentials for the agent's ServiceAccount only (EKS Pod Identity).
    if ! eksctl get addon --cluster "$CLUSTER_NAME" --region "$REGION" --name eks-pod-identity-agent >/dev/null 2>&1; then
      run eksctl create addon --cluster "$CLUSTER_NAME" --region "$REGION" --name eks-pod-identity-agent
    fi
    if ! kubectl -n "$AGENT_NAMESPACE" get serviceaccount "$AGENT_SERVICE_ACCOUNT" >/dev/null 2>&1; then
      run kubectl -n "$AGENT_NAMESPACE" create serviceaccount "$AGENT_SERVICE_ACCOUNT"
    fi
    associations=$(eksctl get podidentityassociation --cluster "$CLUSTER_NAME" --region "$REGION" \
      --namespace "$AGENT_NAMESPACE" --service-account-name "$AGENT_SERVICE_ACCOUNT" -o json 2>/dev/null | jq 'length' || echo 0)
    if [ "${associations:-0}" = 0 ]; then
      run eksctl create podidentityassociation --cluster "$CLUSTER_NAME" --region "$REGION" \
        --namespace "$AGENT_NAMESPACE" --service-account-name "$AGENT_SERVICE_ACCOUNT" --permission-policy-arns "$POLICY_ARN"
    fi
    ;;
  node-role)
    # WARNING: the guide's way. Every pod on these nodes gets these permissions, not only the
    # log agent; prefer irsa or pod-identity.
    roles=$(eksctl get nodegroup --cluster "$CLUSTER_NAME" --region "$REGION" -o json | jq -r '.[].NodeInstanceRoleARN' | cut -f2 -d/)
    for role in $roles; do
      run aws iam attach-role-policy --role-name "$role" --policy-arn "$POLICY_ARN"
    done
    ;;
esac

run kubectl apply -f - <<<"$MANIFESTS"

echo "Done. Check the agent with:"
echo "  kubectl -n $AGENT_NAMESPACE logs $AGENT_WORKLOAD"
for group in "${LOG_GROUPS[@]}"; do
  echo "  aws logs describe-log-streams --region $REGION --log-group-name $group"
done
