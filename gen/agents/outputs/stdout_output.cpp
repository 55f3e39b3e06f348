// stdout: records on the agent container's own output (kubectl logs); checks the pipeline,
// persists nothing.
#include "agents/outputs/output_backend.h"

namespace raylog {

static void addStdout(const OutputSpec& o, const OutputSite& site, FluentBitConfig& config) {
  config.add("OUTPUT").set("Name", "stdout").set("Match", site.match).set("Format", o.str("format", "json_lines"));
}

static void addFluentdStdout(const OutputSpec& o, const FluentdBuffer& /*buffer*/, FluentdDirective& out) {
  out.set("@type", "stdout");
  // json_lines is Fluent Bit's name for what Fluentd's json formatter writes: one object a line.
  const std::string format = o.str("format", "json_lines");
  out.add("format").set("@type", format == "msgpack" ? "msgpack" : "json");
}

OutputBackend stdoutOutputBackend() { return {"stdout", {"format"}, {}, &addStdout, &addFluentdStdout}; }

}  // namespace raylog
