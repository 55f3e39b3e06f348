#pragma once
// render --operator-values: logging configured once for the fleet. The kuberay-operator Helm
// chart's values fragment (configuration: headSidecarContainers, workerSidecarContainers, ...;
// helm-chart/kuberay-operator/templates/configmap.yaml at v1.7.0 copies them into the operator's
// Configuration), and the manifests that go with it: the agent's ConfigMap in every namespace
// whose Ray clusters the sidecars serve, and the spec's own cluster with just the volumes.
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "spec/spec.h"

namespace raylog {

// The values fragment as a node (configuration: {...}). Assumes operatorRouteProblems(spec) is empty.
YAML::Node operatorValues(const Spec& spec);

// The same, as the file render writes: a comment saying what it is and how to use it, then the YAML.
std::string operatorValuesText(const Spec& spec);

// The agent ConfigMaps, once per namespace of `namespaces` ("" = no namespace written); with no
// namespaces, the spec's RayCluster/RayJob/RayService too (in the spec's namespace, its ConfigMap
// beside it), carrying only what the operator's sidecars need (inject --operator adds the same).
std::vector<YAML::Node> operatorObjects(const Spec& spec, const std::vector<std::string>& namespaces);

// The stream render writes to stdout with --operator-values.
std::string operatorStream(const Spec& spec, const std::vector<std::string>& namespaces);

}  // namespace raylog
