#pragma once
// Adding a spec's logging to manifests people already have (inject, the kustomize transformer,
// the KRM function): every Ray object gets the logging pieces on every pod template; the
// agent's ConfigMaps are refreshed in place or appended; everything else passes through
// unchanged and in order. Idempotent: injecting twice changes nothing the second time.
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "k8s/manifests.h"
#include "spec/spec.h"

namespace raylog {

struct InjectResult {
  std::vector<YAML::Node> objects;
  std::vector<std::string> summary;  // one line per change, for stderr
};

// Throws InputError (located at the offending pod template or ConfigMap) on a conflict.
InjectResult injectLogging(const Spec& spec, const std::vector<SourceDocument>& documents);

}  // namespace raylog
