// inject on any manifest stream, with each example spec: either a located error (nothing
// written) or objects whose agent configs read back cleanly and which inject leaves unchanged
// a second time (idempotent, through emit and parse as a user would pipe it).
// Input: a byte choosing the example spec, then the manifest stream.
#include <cstdint>

#include "inject/inject.h"
#include "support/fuzz_check.h"
#include "support/fuzz_input.h"
#include "support/rendered_checks.h"
#include "yaml/yaml_emit.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace raylog;
  if (size == 0) return 0;
  const auto& specs = fuzz::exampleSpecs();
  const Spec& spec = specs[data[0] % specs.size()];
  std::vector<SourceDocument> docs;
  try {
    docs = parseManifests(fuzz::text(data + 1, size - 1), "fuzz.yaml");
  } catch (const InputError& e) {
    fuzz::checkLocated(e, "fuzz.yaml");
    return 0;
  }
  InjectResult first;
  try {
    first = injectLogging(spec, docs);
  } catch (const InputError& e) {
    fuzz::checkLocated(e, "fuzz.yaml");
    return 0;
  }
  fuzz::checkAgentConfigs(first.objects);
  const std::string out = emitStream(first.objects);
  std::vector<SourceDocument> again;
  try {
    again = parseManifests(out, "injected.yaml");
  } catch (const InputError& e) {
    fuzz::fail(__FILE__, __LINE__, "inject's output does not parse back: " + e.diagnostics()[0].format());
  }
  InjectResult second;
  try {
    second = injectLogging(spec, again);
  } catch (const InputError& e) {
    fuzz::fail(__FILE__, __LINE__, "inject rejects its own output: " + e.diagnostics()[0].format());
  }
  FUZZ_CHECK(emitStream(second.objects) == out, "inject is not idempotent:\n" + out);
  return 0;
}
