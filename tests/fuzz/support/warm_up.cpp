// libFuzzer calls LLVMFuzzerInitialize once before the first input, outside the per-input time
// limit. What the targets load once (the example specs, the KubeRay CRD schemas: seconds under
// ASan) is loaded here, so a busy machine cannot make the first input a timeout (campaign part 5
// saw one: a 2-byte input that runs in 0.4 s alone). Compiled into each libFuzzer binary:
// libFuzzer's reference to this function is weak and would not pull it from a library.
#include "support/crd_schemas.h"
#include "support/fuzz_input.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::exampleSpecs();
  fuzz::loadCrdSchemas();
  return 0;
}
