#pragma once
// `render --out-dir`: the rendered objects as one file per object group (rbac.yaml,
// configmaps.yaml, raycluster.yaml, ...) plus a kustomization.yaml that lists them in
// dependency order, for GitOps repositories.
#include <yaml-cpp/yaml.h>

#include <string>
#include <utility>
#include <vector>

namespace raylog {

// File name -> content, in the order kustomization.yaml lists them (kustomization.yaml last).
std::vector<std::pair<std::string, std::string>> outDirFiles(const std::vector<YAML::Node>& objects,
                                                            const std::string& header);

}  // namespace raylog
