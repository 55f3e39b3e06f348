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
  std::vector<YAML::Node> objects;   // the input's objects (edited), then the ones added
  std::vector<YAML::Node> removed;   // input objects left out (ConfigMaps nothing mounts any more)
  std::vector<std::string> summary;  // one line per change, for stderr
};

// Throws InputError (located at the offending pod template or ConfigMap) on a conflict.
// `operatorRoute` (inject --operator): KubeRay's operator appends the agent (render
// --operator-values), so each pod template gets only the volumes its sidecars mount and the Ray
// container's /tmp/ray mount (pieces/operator_pieces.h), and no ConfigMap is added (render
// --operator-values writes one per namespace). Throws InputError when the spec cannot go that route.
InjectResult injectLogging(const Spec& spec, const std::vector<SourceDocument>& documents, bool operatorRoute = false);

// The YAML stream inject writes for `documents` after injectLogging edited them into `result`:
// the input's text with only the changed nodes written again (comments, order, quoting kept).
// A document that cannot be spliced is written out whole; `notes` gets a line for it.
std::string injectedStream(const std::vector<SourceDocument>& documents, const InjectResult& result,
                           std::vector<std::string>* notes = nullptr);

}  // namespace raylog
