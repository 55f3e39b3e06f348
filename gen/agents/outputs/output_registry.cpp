#include "agents/outputs/output_backend.h"
#include "agents/outputs/stdout_output.h"

namespace raylog {

const std::vector<OutputBackend>& outputBackends() {
  static const std::vector<OutputBackend> all = {stdoutOutputBackend()};
  return all;
}

const OutputBackend* findOutputBackend(const std::string& type) {
  for (const OutputBackend& b : outputBackends())
    if (b.type == type) return &b;
  return nullptr;
}

}  // namespace raylog
