// forward: to an existing Fluentd or Fluent Bit aggregator (Forward protocol).
#include "agents/outputs/output_backend.h"

namespace raylog {

static void addForward(const OutputSpec& o, const std::string& match, FluentBitConfig& config) {
  FluentBitSection& s = config.add("OUTPUT");
  s.set("Name", "forward").set("Match", match);
  setUpstream(s, o, 24224);
}

OutputBackend forwardOutputBackend() { return {"forward", {"host", "port", "tls", "tlsVerify"}, {"host"}, &addForward}; }

}  // namespace raylog
