#pragma once
// The spec's aks section and Azure storage -> the managed identity, its federated credential
// and the containers it may write, for the AKS setup script.
#include "aks/azure_access.h"
#include "spec/spec.h"

namespace raylog {

AzureAccess azureAccessFor(const Spec& spec);

}  // namespace raylog
