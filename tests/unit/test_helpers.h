#pragma once
// Small helpers shared by unit tests.
#include <yaml-cpp/yaml.h>

#include <functional>
#include <string>
#include <vector>

#include "spec/spec.h"
#include "util/diagnostic.h"

namespace testing {

// A spec loaded from inline YAML; the document's header (apiVersion/kind/metadata) is added
// when `body` starts with "spec:".
raylog::Spec specFrom(const std::string& yaml);

// The diagnostics specFrom(yaml) throws, or none when the spec loads.
std::vector<raylog::Diagnostic> specProblems(const std::string& yaml);

// Paths of every examples/*/raylog.yaml in the source tree, sorted.
std::vector<std::string> exampleSpecs();

// Checks, with Catch assertions, that every Ray pod template in `objects` has the logging pieces
// wired right: Ray and the agent (`agentName`, Fluent Bit or Fluentd) mount one emptyDir at /tmp/ray, the mounted config volume
// names a ConfigMap present in `objects`, the sidecar has requests and limits, and it sits in
// initContainers exactly when `native(object)`. Returns the number of pod templates checked.
size_t checkLoggingInvariants(const std::vector<YAML::Node>& objects, const std::function<bool(const YAML::Node&)>& native,
                              const std::string& agentName = "fluent-bit");

// The stderr strategy's invariants: every Ray container has RAY_LOG_TO_STDERR=1, and no pod has
// a log agent sidecar or an agent ConfigMap. Returns the number of pod templates checked.
size_t checkStderrInvariants(const std::vector<YAML::Node>& objects);

// Dispatches on the spec's strategy.
size_t checkInvariantsFor(const raylog::Spec& spec, const std::vector<YAML::Node>& objects);

}  // namespace testing
