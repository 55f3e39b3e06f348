#pragma once
// The spec's Google outputs and gke section -> the roles the agent's Google service account
// needs, and the Kubernetes ServiceAccount bound to it, for the GKE setup script.
#include "gke/gcp_access.h"
#include "spec/spec.h"

namespace raylog {

GcpAccess gcpAccessFor(const Spec& spec);

// The Google service account's email, which the ServiceAccount's iam.gke.io annotation names.
std::string gcpServiceAccountEmail(const GkeSpec& gke);

}  // namespace raylog
