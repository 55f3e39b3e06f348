#pragma once
// The AKS setup script: a bash header that sets every value as a single-quoted variable (the
// only place spec values appear) and the manifests, then templates/aks-setup.sh.
#include <string>

#include "aks/azure_access.h"

namespace raylog {

// `manifests` is the rendered YAML the script applies at the end.
std::string aksSetupScript(const AzureAccess& access, const std::string& manifests);

}  // namespace raylog
