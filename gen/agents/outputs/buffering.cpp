#include "agents/outputs/buffering.h"

namespace raylog {

bool buffersOnDisk(const Spec& spec) {
  if (spec.agent.buffer != "filesystem") return false;
  for (const OutputSpec& o : spec.outputs)
    if (o.type != "stdout") return true;
  return false;
}

}  // namespace raylog
