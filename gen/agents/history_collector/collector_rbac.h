#pragma once
// The objects the History Server collector needs that are the user's to deploy: the Ray pods'
// ServiceAccount and a namespaced Role (read its RayCluster) bound to it. KubeRay's guide uses a
// ClusterRole; a Role in the cluster's namespace is all the collector needs.
#include <yaml-cpp/yaml.h>

#include <vector>

#include "spec/spec.h"

namespace raylog {

// Empty when the spec has no collector or the user brings the ServiceAccount.
std::vector<YAML::Node> collectorRbacObjects(const Spec& spec);

}  // namespace raylog
