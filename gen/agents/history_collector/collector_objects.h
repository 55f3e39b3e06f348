#pragma once
// What render writes beside the Ray object for the collector: the ServiceAccount its cloud
// identity binds to (the collector calls no Kubernetes API, so no Role: its imports have no
// client-go), and KubeRay's History Server configured for the same storage.
#include <yaml-cpp/yaml.h>

#include <vector>

#include "spec/spec.h"

namespace raylog {

std::vector<YAML::Node> collectorObjects(const Spec& spec);

}  // namespace raylog
