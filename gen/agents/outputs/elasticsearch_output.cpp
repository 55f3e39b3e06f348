// elasticsearch and opensearch: daily indexes <logstashPrefix>-YYYY.MM.DD by default (what
// Kibana/Dashboards index patterns such as ray-logs-* expect), or one fixed index.
#include "agents/outputs/output_backend.h"

namespace raylog {

static void addSearch(const char* plugin, const OutputSpec& o, const OutputSite& site, FluentBitConfig& config) {
  FluentBitSection& s = config.add("OUTPUT");
  s.set("Name", plugin).set("Match", site.match);
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

static void addEs(const OutputSpec& o, const OutputSite& w, FluentBitConfig& c) { addSearch("es", o, w, c); }
static void addOs(const OutputSpec& o, const OutputSite& w, FluentBitConfig& c) { addSearch("opensearch", o, w, c); }

// fluent-plugin-elasticsearch, which the fluentd-kubernetes-daemonset elasticsearch images ship.
static void addFluentdEs(const OutputSpec& o, const FluentdBuffer& buffer, FluentdDirective& out) {
  out.set("@type", "elasticsearch")
      .set("host", o.str("host"))
      .set("port", std::to_string(o.num("port", 9200)))
      .set("scheme", o.flag("tls", false) ? "https" : "http");
  if (o.flag("tls", false)) out.set("ssl_verify", o.flag("tlsVerify", true) ? "true" : "false");
  if (o.has("user")) out.set("user", o.str("user"));
  if (o.has("passwordSecret")) out.setLiteral("password", fluentdSecretReference(o, "passwordSecret"));
  if (o.has("index")) {
    out.set("index_name", o.str("index"));
  } else {
    out.set("logstash_format", "true").set("logstash_prefix", o.str("logstashPrefix", "ray-logs"));
  }
  // The tag (ray) as a field, as the EFK guide does; no mapping types (Elasticsearch 8).
  out.set("include_tag_key", "true").set("suppress_type_name", "true");
  // Behind a Kubernetes Service the node addresses that sniffing finds are often unreachable:
  // keep to the configured host, and reconnect after errors.
  out.set("reload_connections", "false").set("reconnect_on_error", "true").set("reload_on_failure", "true");
  addFluentdBuffer(out, buffer);
}

static const std::vector<std::string> kKeys = {"host", "port", "tls", "tlsVerify", "index", "logstashPrefix",
                                               "user", "passwordSecret"};

OutputBackend elasticsearchOutputBackend() { return {"elasticsearch", kKeys, {"host"}, &addEs, &addFluentdEs}; }
OutputBackend openSearchOutputBackend() { return {"opensearch", kKeys, {"host"}, &addOs}; }

}  // namespace raylog
