// stdout: records on the agent container's own output (kubectl logs); checks the pipeline,
// persists nothing.
#include "agents/outputs/output_backend.h"

namespace raylog {

static void addStdout(const OutputSpec& o, const std::string& match, FluentBitConfig& config) {
  config.add("OUTPUT").set("Name", "stdout").set("Match", match).set("Format", o.str("format", "json_lines"));
}

OutputBackend stdoutOutputBackend() { return {"stdout", {"format"}, {}, &addStdout}; }

}  // namespace raylog
