// loki: labels that identify where records come from (cluster, namespace, node type, group);
// pod and file stay record fields, as high-cardinality labels hurt Loki. The labels are record
// accessors ($field): the record's origin is the Ray pod's in both strategies, while a node
// agent's environment describes the agent (plugins/out_loki/loki.c parse_kv: key=$ra).
#include "agents/outputs/output_backend.h"

namespace raylog {

static void addLoki(const OutputSpec& o, const OutputSite& site, FluentBitConfig& config) {
  FluentBitSection& s = config.add("OUTPUT");
  s.set("Name", "loki").set("Match", site.match);
  setUpstream(s, o, 3100);
  std::string labels = "job=ray, ray_cluster=$ray_cluster, namespace=$namespace, "
                       "ray_node_type=$ray_node_type, ray_group=$ray_group";
  if (o.has("labels"))
    for (auto it = o.config["labels"].begin(); it != o.config["labels"].end(); ++it)
      labels += ", " + it.key() + "=" + it.value().get<std::string>();
  s.set("labels", labels).set("line_format", "json");
  // The labels' fields leave the line: Loki keeps them with the stream. Fluent Bit 5 drops them
  // by default, 3.2 only when remove_keys is set (plugins/out_loki/loki.c remove_keys_derived).
  s.set("remove_keys", "ray_cluster, namespace, ray_node_type, ray_group");
  if (o.has("tenant")) s.set("tenant_id", o.str("tenant"));
  if (o.has("user")) s.set("http_user", o.str("user"));
  if (o.has("passwordSecret")) s.set("http_passwd", secretReference(o, "passwordSecret"));
}

OutputBackend lokiOutputBackend() {
  return {"loki", {"host", "port", "tls", "tlsVerify", "labels", "tenant", "user", "passwordSecret"}, {"host"}, &addLoki};
}

}  // namespace raylog
