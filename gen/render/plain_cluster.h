#pragma once
// Spec -> a RayCluster with no logging pieces: what a user would write by hand before thinking
// about logs. render then adds the pieces with applyLoggingPieces, as inject does.
#include <yaml-cpp/yaml.h>

#include "spec/spec.h"

namespace raylog {

// Labels every rendered object carries: the spec's own plus managed-by and name.
YAML::Node commonLabels(const Spec& spec);

// metadata with name, namespace (when set), labels and annotations.
YAML::Node objectMetadata(const Spec& spec, const std::string& name);
// The same in namespace `ns` ("" = none).
YAML::Node objectMetadataIn(const Spec& spec, const std::string& name, const std::string& ns);
// An object's head: apiVersion, kind and the given metadata.
YAML::Node kubeObject(const char* apiVersion, const char* kind, YAML::Node metadata);

YAML::Node tolerationsNode(const std::vector<Toleration>& tolerations);

// The spec's kind (RayCluster, RayJob or RayService) with the cluster inside, no logging.
YAML::Node plainRayObject(const Spec& spec);

}  // namespace raylog
