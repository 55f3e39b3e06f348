#include "render/cloud_identity.h"

#include "eks/aws_access_from_spec.h"
#include "gke/gcp_access_from_spec.h"
#include "render/plain_cluster.h"
#include "yaml/yaml_build.h"

namespace raylog {

StringMap agentServiceAccountAnnotations(const Spec& spec) {
  // GKE Workload Identity: the annotation names the Google service account the pods act as
  // (docs.cloud.google.com/kubernetes-engine/docs/how-to/workload-identity).
  if (spec.gke.enabled) return {{"iam.gke.io/gcp-service-account", gcpServiceAccountEmail(spec.gke)}};
  return {};
}

std::vector<YAML::Node> cloudIdentityObjects(const Spec& spec) {
  if (!(spec.gke.enabled || spec.aks.enabled) || spec.strategy != "sidecar" || spec.collector.enabled) return {};
  YAML::Node md = objectMetadataIn(spec, agentServiceAccount(spec), spec.ns.value_or(""));
  const StringMap annotations = agentServiceAccountAnnotations(spec);
  if (!annotations.empty()) {
    if (!md["annotations"]) md["annotations"] = y::map();
    for (const auto& [k, v] : annotations) y::set(md["annotations"], k, v);
  }
  return {kubeObject("v1", "ServiceAccount", md)};
}

}  // namespace raylog
