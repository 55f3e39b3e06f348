#pragma once
// A kuberay-operator Helm values file as lint reads it: the sidecars the operator appends to
// every head and worker pod (configuration.headSidecarContainers / workerSidecarContainers;
// ray-operator/apis/config/v1alpha1/configuration_types.go and the chart's configmap.yaml at
// v1.7.0), checked against schemas/kuberay-operator-values.schema.json
// (tests/crd/refresh_operator_schema.py derives it from that release).
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "k8s/pod_template.h"
#include "util/diagnostic.h"

namespace raylog {

struct OperatorSidecars {
  std::string file;  // as named in messages
  std::vector<YAML::Node> head, worker;
  const std::vector<YAML::Node>& forType(RayNodeType t) const { return t == RayNodeType::Head ? head : worker; }
};

// Every problem of a values file's `configuration` section: the schema (unknown keys with a
// did-you-mean, Container and EnvVar shapes), `enabled` not true (the chart then writes no
// operator config), no sidecars at all. Empty when it is fine.
std::vector<Diagnostic> operatorValuesProblems(const std::string& text, const std::string& file);

// Reads `path`; throws InputError with every problem operatorValuesProblems finds.
OperatorSidecars readOperatorValues(const std::string& path);

}  // namespace raylog
