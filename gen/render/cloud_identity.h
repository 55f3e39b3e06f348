#pragma once
// The agent's Kubernetes ServiceAccount as the clouds' workload identity needs it: the GKE
// annotation naming its Google service account (rendered, since the email follows from the
// spec), and, for sidecars without a collector, the ServiceAccount itself.
#include <yaml-cpp/yaml.h>

#include <vector>

#include "spec/spec.h"

namespace raylog {

// Annotations for the ServiceAccount the agent's pods run as (the DaemonSet's, the collector's,
// or <name>-logs). AKS adds none: the client ID exists only once the script created the
// identity, so the script annotates.
StringMap agentServiceAccountAnnotations(const Spec& spec);

// The <name>-logs ServiceAccount of sidecar pods on GKE or AKS (none otherwise: on EKS eksctl
// creates it, and a collector or DaemonSet renders its own).
std::vector<YAML::Node> cloudIdentityObjects(const Spec& spec);

}  // namespace raylog
