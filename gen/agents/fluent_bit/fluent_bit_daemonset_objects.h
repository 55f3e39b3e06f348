#pragma once
// What a cluster admin applies for node-level collection, in dependency order: Namespace,
// ServiceAccount, the agent ConfigMap and the DaemonSet. No ClusterRole: the agent reads
// namespace and pod from the log path, so it calls no Kubernetes API.
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "spec/spec.h"

namespace raylog {

std::vector<YAML::Node> fluentBitDaemonSetObjects(const Spec& spec);

// The DaemonSet's (and its ServiceAccount's and ConfigMap's) name.
std::string fluentBitDaemonSetName(const Spec& spec);

}  // namespace raylog
