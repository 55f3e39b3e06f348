#pragma once
// The vendored KubeRay CRD schemas (tests/crd/schemas), loaded once.
#include <string>
#include <vector>

#include "util/diagnostic.h"
#include "yaml/source_file.h"

namespace fuzz {

// Problems the CRD schema of the document's kind finds (RayCluster, RayJob, RayService; other
// kinds have none).
std::vector<raylog::Diagnostic> crdProblems(const raylog::ParsedDocument& doc, const std::string& file);

// Loads the schemas now (see warm_up.cpp).
void loadCrdSchemas();

}  // namespace fuzz
