#pragma once
// What the log agent (and the History Server collector) must be allowed to do in Google Cloud,
// derived from the spec's outputs; the GKE setup script is generated from it.
#include <string>
#include <vector>

namespace raylog {

// One IAM role for the agent's Google service account: on the project, or on one bucket only.
struct GcpRoleBinding {
  std::string role;
  std::string bucket;  // "" = on the project
};

struct GcpAccess {
  std::string project, cluster, location;
  std::string serviceAccountId, serviceAccountEmail;  // the Google service account (GSA)
  std::string agentNamespace, agentServiceAccount;    // the Kubernetes ServiceAccount bound to it
  std::string agentWorkload;                          // for the verify hint
  std::vector<std::string> apis;                      // enabled when absent
  std::vector<GcpRoleBinding> bindings;
};

}  // namespace raylog
