// forward: to an existing Fluentd or Fluent Bit aggregator (Forward protocol).
#include "agents/outputs/output_backend.h"

namespace raylog {

static void addForward(const OutputSpec& o, const OutputSite& site, FluentBitConfig& config) {
  FluentBitSection& s = config.add("OUTPUT");
  s.set("Name", "forward").set("Match", site.match);
  setUpstream(s, o, 24224);
  // Fluent Bit >= 5.0.5 defaults this to true and then sends [[time, metadata], record] entries,
  // which Fluentd's in_forward rejects; 3.2.10 has the option with false as default
  // (plugins/out_forward/forward.c). Written out, every version sends plain [time, record].
  s.set("Retain_Metadata_In_Forward_Mode", "Off");
}

static void addFluentdForward(const OutputSpec& o, const FluentdBuffer& buffer, FluentdDirective& out) {
  out.set("@type", "forward");
  // Fluentd resolves the aggregator at start-up and exits when it cannot: a sidecar that starts
  // before DNS or the aggregator is ready would crash-loop. Keep running and retry instead.
  out.set("ignore_network_errors_at_startup", "true");
  if (o.flag("tls", false)) {
    out.set("transport", "tls");
    if (!o.flag("tlsVerify", true)) out.set("tls_insecure_mode", "true");
  }
  out.add("server").set("host", o.str("host")).set("port", std::to_string(o.num("port", 24224)));
  addFluentdBuffer(out, buffer);
}

OutputBackend forwardOutputBackend() {
  return {"forward", {"host", "port", "tls", "tlsVerify"}, {"host"}, &addForward, &addFluentdForward};
}

}  // namespace raylog
