#include "agents/outputs/stdout_output.h"

namespace raylog {

static void addStdout(const OutputSpec& output, const std::string& match, FluentBitConfig& config) {
  auto format = output.options.find("format");
  config.add("OUTPUT")
      .set("Name", "stdout")
      .set("Match", match)
      .set("Format", format == output.options.end() ? "json_lines" : format->second);
}

OutputBackend stdoutOutputBackend() { return {"stdout", &addStdout}; }

}  // namespace raylog
