// loki: labels that identify where records come from (cluster, namespace, node type, group);
// pod and file stay record fields, as high-cardinality labels hurt Loki. The labels are record
// accessors ($field): the record's origin is the Ray pod's in both strategies, while a node
// agent's environment describes the agent (plugins/out_loki/loki.c parse_kv: key=$ra).
#include "agents/outputs/output_backend.h"
#include "ray/ray_log_files.h"

namespace raylog {

// Which job, worker and process a line belongs to, and the Ray object that owns its pod (README
// "Which job a line belongs to"): many values each, so structured metadata, kept beside each
// line and queryable ({job="ray"} | ray_job_id="02000000"), never labels. plugins/out_loki/loki.c
// has structured_metadata at v3.2.10 and v5.1.1 alike: key=$field record accessors, a record
// without the field skips it (pack_kv), and the fields leave the line with remove_keys.
// Loki needs it allowed (3.0+ with the v13 schema: limits_config allow_structured_metadata);
// structuredMetadata: false keeps them as fields of the line for an older Loki.
static const std::vector<std::string>& lokiMetadataFields() {
  static const std::vector<std::string> fields = {kRayComponentField, kRaySubmissionIdField, kRayJobIdField,
                                                  kRayWorkerIdField,  kRayPidField,          "ray_owner_kind",
                                                  "ray_owner_name"};
  return fields;
}

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
  std::string removed = "ray_cluster, namespace, ray_node_type, ray_group";
  if (o.flag("structuredMetadata", true)) {
    std::string metadata;
    for (const std::string& f : lokiMetadataFields()) {
      metadata += (metadata.empty() ? "" : ", ") + f + "=$" + f;
      removed += ", " + f;
    }
    s.set("structured_metadata", metadata);
  }
  s.set("remove_keys", removed);
  if (o.has("tenant")) s.set("tenant_id", o.str("tenant"));
  if (o.has("user")) s.set("http_user", o.str("user"));
  if (o.has("passwordSecret")) s.set("http_passwd", secretReference(o, "passwordSecret"));
}

OutputBackend lokiOutputBackend() {
  return {"loki", {"host", "port", "tls", "tlsVerify", "labels", "structuredMetadata", "tenant", "user", "passwordSecret"}, {"host"}, &addLoki};
}

}  // namespace raylog
