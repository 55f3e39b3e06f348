#pragma once
// What the History Server collector must be allowed to do in Azure through Workload Identity,
// derived from the spec; the AKS setup script is generated from it.
#include <string>
#include <vector>

namespace raylog {

struct AzureAccess {
  std::string subscription, resourceGroup, cluster;
  std::string identityName, federatedCredentialName;  // the user-assigned managed identity
  std::string storageAccount, storageResourceGroup;
  std::vector<std::string> containers;                // Storage Blob Data Contributor on each, nothing wider
  std::string agentNamespace, agentServiceAccount;    // the Kubernetes ServiceAccount federated with it
  std::string agentWorkload;                          // for the verify hint
};

}  // namespace raylog
