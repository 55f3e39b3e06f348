#pragma once
// Whether an agent keeps undelivered records on disk: agent.buffer filesystem (the default) and
// at least one output that can hold records back. stdout hands every record over at once, so a
// stdout-only agent has nothing to protect and stays in memory.
#include "spec/spec.h"

namespace raylog {

bool buffersOnDisk(const Spec& spec);

}  // namespace raylog
