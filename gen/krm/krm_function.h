#pragma once
// kustomize integration as library code, shared by both protocols (the legacy exec plugin and
// the KRM function, cli/kustomize_plugin.cpp) and by the fuzz targets: a spec either generates
// (render) or transforms the resources it is given (inject).
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "k8s/manifests.h"
#include "spec/spec.h"

namespace raylog {

// "RayLogging/<name>" from a spec that may not even be valid yet: how kustomize's temporary copy
// of the spec is named in messages.
std::string kustomizeSpecLabel(const YAML::Node& root);
std::string kustomizeSpecLabel(const std::string& text);

// Generator when the spec's raylog.dev/plugin-mode annotation says so, or when no resources come
// in; transformer otherwise. Throws InputError on a bad annotation or a conflict. `summary`
// (optional) receives inject's one line per change.
std::vector<YAML::Node> kustomizeProduce(const Spec& spec, const std::vector<SourceDocument>& resources,
                                         std::vector<std::string>* summary);

struct KrmResult {
  std::string resourceList;         // the ResourceList to print (items unchanged on error)
  std::vector<std::string> errors;  // the error results' messages; empty on success
};

// The KRM function: a ResourceList (config.kubernetes.io/v1) in, a ResourceList out, errors as
// results. Throws InputError when `input` is not one ResourceList document.
KrmResult runKrmFunction(const std::string& input);

}  // namespace raylog
