#pragma once
// Small helpers shared by unit tests.
#include <string>
#include <vector>

#include "spec/spec.h"

namespace testing {

// A spec loaded from inline YAML; the document's header (apiVersion/kind/metadata) is added
// when `body` starts with "spec:".
raylog::Spec specFrom(const std::string& yaml);

// Paths of every examples/*/raylog.yaml in the source tree, sorted.
std::vector<std::string> exampleSpecs();

}  // namespace testing
