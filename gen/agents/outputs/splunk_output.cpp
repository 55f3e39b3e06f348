// splunk: the HTTP Event Collector (HEC), token from a Secret. Each event is the whole record;
// the Ray pod's origin is also sent as HEC indexed fields (searchable without extraction), the
// pod as the event's host and the file as its source.
//
// Sources: fluent/fluent-bit v3.2.10 and v5.1.1, plugins/out_splunk/: splunk_token
// (splunk.c:1164 in v3.2.10, "Authorization: Splunk <token>", splunk_conf.c:254 at both), event_host and
// event_source are record accessors (splunk_conf.c:188, :200 at both tags), event_field is
// "<key> <record accessor>" and may repeat (splunk.c:1157, splunk_conf.c:26-60), event_sourcetype
// and event_index static; default port 8088 (splunk.h:24).
#include "agents/outputs/output_backend.h"

#include "pieces/logging_names.h"

namespace raylog {

static void addSplunk(const OutputSpec& o, const OutputSite& site, FluentBitConfig& config) {
  FluentBitSection& s = config.add("OUTPUT");
  s.set("Name", "splunk").set("Match", site.match);
  setUpstream(s, o, 8088);
  s.set("splunk_token", secretReference(o, "tokenSecret"))
      .set("event_host", "$pod")
      .set("event_source", "$" + site.pathKey)
      .set("event_sourcetype", o.str("sourcetype", "ray"));
  if (o.has("index")) s.set("event_index", o.str("index"));
  for (const auto& [field, var] : kOriginFields) s.append("event_field", std::string(field) + " $" + field);
}

OutputBackend splunkOutputBackend() {
  return {"splunk", {"host", "port", "tls", "tlsVerify", "tokenSecret", "index", "sourcetype"}, {"host", "tokenSecret"},
          &addSplunk};
}

}  // namespace raylog
