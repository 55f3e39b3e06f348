// datadog: the Logs intake (POST /api/v2/logs), API key from a Secret. Every record keeps its
// origin fields, which Datadog indexes as attributes (facets). dd_service, dd_source and dd_tags
// are fixed strings (datadog_conf.c:111-120, copied into every record by datadog.c): the sidecar
// fills the tags from its own environment (its pod is the Ray pod); a node agent serves many
// pods, so there the attributes alone say where a record came from.
//
// Sources: fluent/fluent-bit v3.2.10 and v5.1.1, plugins/out_datadog/: apikey sent as DD-API-KEY
// (datadog.h:40; datadog.c:423 / :425), default host http-intake.logs.datadoghq.com:443 (datadog.h:26-27;
// the port is 80 when tls is off, datadog_conf.c:154 / :159); Host/Port/tls are the generic ones.
#include "agents/outputs/output_backend.h"

namespace raylog {

static void addDatadog(const OutputSpec& o, const OutputSite& site, FluentBitConfig& config) {
  FluentBitSection& s = config.add("OUTPUT");
  s.set("Name", "datadog").set("Match", site.match);
  const bool tls = o.flag("tls", true);  // the intake is HTTPS only
  s.set("Host", o.str("host", "http-intake.logs.datadoghq.com")).set("Port", std::to_string(o.num("port", tls ? 443 : 80)));
  if (tls) s.set("tls", "On").set("tls.verify", o.flag("tlsVerify", true) ? "On" : "Off");
  s.set("apikey", secretReference(o, "apiKeySecret"))
      .set("dd_service", o.str("service", "ray"))
      .set("dd_source", o.str("source", "ray"));
  std::string tags;
  if (!site.tagNamesPod)
    tags = "ray_cluster:" + site.clusterRef + ",namespace:" + site.namespaceRef + ",pod:" + site.podRef;
  if (o.has("tags"))
    for (auto it = o.config["tags"].begin(); it != o.config["tags"].end(); ++it)
      tags += (tags.empty() ? "" : ",") + it.key() + ":" + it.value().get<std::string>();
  if (!tags.empty()) s.set("dd_tags", tags);
}

OutputBackend datadogOutputBackend() {
  return {"datadog", {"host", "port", "tls", "tlsVerify", "apiKeySecret", "service", "source", "tags"}, {"apiKeySecret"},
          &addDatadog};
}

}  // namespace raylog
