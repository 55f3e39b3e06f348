#pragma once
// `render --out-dir`: the rendered objects as one file per object group (rbac.yaml,
// configmaps.yaml, raycluster.yaml, ...) plus a Kustomization that lists them in dependency
// order, for GitOps repositories: `kubectl apply -k DIR` and `kubectl apply -f DIR` both work.
#include <yaml-cpp/yaml.h>

#include <string>
#include <utility>
#include <vector>

namespace raylog {

// The kustomization's file name: one of the three kustomize (and Argo CD, Flux) look for, and
// without .yaml, so `kubectl apply -f DIR` (which reads .yaml, .yml and .json) skips it as well.
inline constexpr const char* kKustomizationFile = "Kustomization";

// Where the EKS script and IAM policy go: a sub-folder, which `kubectl apply -f DIR` does not read.
inline constexpr const char* kOutDirEksFolder = "eks";
inline constexpr const char* kOutDirGkeFolder = "gke";  // gke-setup.sh, likewise
inline constexpr const char* kOutDirAksFolder = "aks";  // aks-setup.sh, likewise

// File name -> content, in the order the kustomization lists them (the kustomization last).
std::vector<std::pair<std::string, std::string>> outDirFiles(const std::vector<YAML::Node>& objects,
                                                            const std::string& header);

}  // namespace raylog
