// loki: labels that identify where records come from (cluster, namespace, node type, group);
// pod and file stay record fields, as high-cardinality labels hurt Loki.
#include "agents/outputs/output_backend.h"

namespace raylog {

static void addLoki(const OutputSpec& o, const std::string& match, FluentBitConfig& config) {
  FluentBitSection& s = config.add("OUTPUT");
  s.set("Name", "loki").set("Match", match);
  setUpstream(s, o, 3100);
  std::string labels = "job=ray, ray_cluster=${RAYLOG_CLUSTER}, namespace=${RAYLOG_NAMESPACE}, "
                       "ray_node_type=${RAYLOG_NODE_TYPE}, ray_group=${RAYLOG_GROUP}";
  if (o.has("labels"))
    for (auto it = o.config["labels"].begin(); it != o.config["labels"].end(); ++it)
      labels += ", " + it.key() + "=" + it.value().get<std::string>();
  s.set("labels", labels).set("line_format", "json");
  if (o.has("tenant")) s.set("tenant_id", o.str("tenant"));
  if (o.has("user")) s.set("http_user", o.str("user"));
  if (o.has("passwordSecret")) s.set("http_passwd", secretReference(o, "passwordSecret"));
}

OutputBackend lokiOutputBackend() {
  return {"loki", {"host", "port", "tls", "tlsVerify", "labels", "tenant", "user", "passwordSecret"}, {"host"}, &addLoki};
}

}  // namespace raylog
