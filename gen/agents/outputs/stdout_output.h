#pragma once
#include "agents/outputs/output_backend.h"

namespace raylog {

// stdout: records on the agent container's own output (kubectl logs); useful to check the
// pipeline, not a place where logs persist.
OutputBackend stdoutOutputBackend();

}  // namespace raylog
