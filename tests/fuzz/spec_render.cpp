// Spec loader + render on any text: either the spec fails with located diagnostics (and
// nothing is rendered), or its output is deterministic, parses back, validates against the
// KubeRay CRD schemas, lints clean, carries agent configs that read back cleanly, and (with
// spec.eks) an EKS setup script whose every value reads back as the same shell literal.
#include <cstdint>

#include "render/render.h"
#include "spec/spec_loader.h"
#include "support/fuzz_check.h"
#include "support/fuzz_input.h"
#include "support/rendered_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace raylog;
  const std::string text = fuzz::text(data, size);
  Spec spec;
  try {
    spec = loadSpecText(text, "fuzz.yaml");
  } catch (const InputError& e) {
    fuzz::checkLocated(e, "fuzz.yaml");
    return 0;
  }
  const std::string stream = renderStream(spec);
  FUZZ_CHECK(renderStream(spec) == stream, "rendering twice gives two outputs");
  fuzz::checkRenderedStream(stream);
  if (spec.eks.enabled) fuzz::checkEksScript(spec, stream);
  return 0;
}
