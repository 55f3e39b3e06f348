// elasticsearch and opensearch: daily indexes <logstashPrefix>-YYYY.MM.DD by default (what
// Kibana/Dashboards index patterns such as ray-logs-* expect), or one fixed index.
#include "agents/outputs/output_backend.h"

namespace raylog {

static void addSearch(const char* plugin, const OutputSpec& o, const std::string& match, FluentBitConfig& config) {
  FluentBitSection& s = config.add("OUTPUT");
  s.set("Name", plugin).set("Match", match);
  setUpstream(s, o, 9200);
  if (o.has("index")) {
    s.set("Index", o.str("index"));
  } else {
    s.set("Logstash_Format", "On").set("Logstash_Prefix", o.str("logstashPrefix", "ray-logs"));
  }
  s.set("Suppress_Type_Name", "On").set("Replace_Dots", "On");
  if (o.has("user")) s.set("HTTP_User", o.str("user"));
  if (o.has("passwordSecret")) s.set("HTTP_Passwd", secretReference(o, "passwordSecret"));
}

static void addEs(const OutputSpec& o, const std::string& m, FluentBitConfig& c) { addSearch("es", o, m, c); }
static void addOs(const OutputSpec& o, const std::string& m, FluentBitConfig& c) { addSearch("opensearch", o, m, c); }

static const std::vector<std::string> kKeys = {"host", "port", "tls", "tlsVerify", "index", "logstashPrefix",
                                               "user", "passwordSecret"};

OutputBackend elasticsearchOutputBackend() { return {"elasticsearch", kKeys, {"host"}, &addEs}; }
OutputBackend openSearchOutputBackend() { return {"opensearch", kKeys, {"host"}, &addOs}; }

}  // namespace raylog
