#include "aks/azure_access_from_spec.h"

#include "eks/aws_access_from_spec.h"

namespace raylog {

AzureAccess azureAccessFor(const Spec& spec) {
  AzureAccess a;
  a.subscription = spec.aks.subscription;
  a.resourceGroup = spec.aks.resourceGroup;
  a.cluster = spec.aks.cluster;
  a.identityName = spec.aks.identityName;
  a.storageAccount = spec.aks.storageAccount;
  a.storageResourceGroup = spec.aks.storageResourceGroup;
  a.agentServiceAccount = agentServiceAccount(spec);
  a.agentNamespace = spec.ns ? *spec.ns : "default";
  a.agentWorkload = "-l ray.io/cluster=" + spec.name + " --all-containers";
  // One credential per ServiceAccount, named after it (letters, digits, '-' and '_', at most
  // 120 characters: learn.microsoft.com/entra/workload-id/workload-identity-federation-create-trust-user-assigned-managed-identity).
  a.federatedCredentialName = a.agentNamespace + "-" + a.agentServiceAccount;
  for (char& ch : a.federatedCredentialName)
    if (ch == '.') ch = '-';  // ServiceAccount names may hold dots; credential names may not
  if (a.federatedCredentialName.size() > 120) a.federatedCredentialName.resize(120);
  if (spec.collector.enabled && spec.collector.backend == "azureblob" && spec.collector.azureAuthMode == "workload_identity")
    a.containers.push_back(spec.collector.bucket);
  return a;
}

}  // namespace raylog
