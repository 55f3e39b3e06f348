#pragma once
// The GKE setup script: a bash header that sets every value as a single-quoted variable (the
// only place spec values appear) and the manifests, then templates/gke-setup.sh.
#include <string>

#include "gke/gcp_access.h"

namespace raylog {

// `manifests` is the rendered YAML the script applies at the end.
std::string gkeSetupScript(const GcpAccess& access, const std::string& manifests);

}  // namespace raylog
