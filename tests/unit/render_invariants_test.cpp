// Invariants every rendered example must hold, checked on the objects render produces.
#include <catch2/catch.hpp>

#include "k8s/ray_object.h"
#include "pieces/logging_names.h"
#include "render/render.h"
#include "spec/spec_loader.h"
#include "test_helpers.h"

using namespace raylog;

TEST_CASE("in every pod template Ray and Fluent Bit share one emptyDir at /tmp/ray (or Ray logs to stderr)") {
  for (const std::string& path : testing::exampleSpecs()) {
    CAPTURE(path);
    Spec spec = loadSpecFile(path);
    size_t templates = testing::checkInvariantsFor(spec, renderObjects(spec));
    CHECK(templates == 1 + spec.workerGroups.size());
  }
}

TEST_CASE("rendering is deterministic") {
  for (const std::string& path : testing::exampleSpecs()) {
    Spec spec = loadSpecFile(path);
    CHECK(renderStream(spec) == renderStream(loadSpecFile(path)));
  }
}
