// opentelemetry: OTLP/HTTP (protobuf) to a collector. Each log record's body is Ray's message
// (the raw line when no parser matched) and its other fields (level, source, file, ...) are log
// attributes; the Ray pod's origin is the *resource* (ray_cluster, namespace, pod, ray_node_type,
// ray_group), as OpenTelemetry models where telemetry comes from.
//
// Sources: fluent/fluent-bit v3.2.10 and v5.1.1, plugins/out_opentelemetry/.
// - For a record that did not come in as OTLP, the resource's attributes are the map at
//   $resource['attributes'] of the record (opentelemetry_conf.c:483 / :629) that starts the
//   batch (opentelemetry_logs.c:1012 / :1340, "standalone packaging"). logs_resource_metadata_key
//   is declared (opentelemetry.c:879 / :1252) but read nowhere at either tag, and the
//   logs_*_metadata_key options read the record's metadata, which tail leaves empty.
// - So this output gets its own copy of the records (rewrite_tag, keep true, tag
//   otlp<n>.<tag>): a copy per tag, and a tag names one pod (the sidecar's one, the node agent's
//   ray.<ns>.<cluster>.<pod>), so every batch has one origin. Two nest filters move the origin
//   fields under resource.attributes on the copy only; the other outputs keep their records.
// - logs_body_key (a list: the first key found is the body, opentelemetry_conf.c:47 / :53) and
//   logs_body_key_attributes (opentelemetry.c:807 / :1167): the rest of the record becomes the
//   log record's attributes.
#include "agents/outputs/output_backend.h"

#include "pieces/logging_names.h"

namespace raylog {

static void addOpenTelemetry(const OutputSpec& o, const OutputSite& site, FluentBitConfig& config) {
  const std::string copy = "otlp" + std::to_string(o.index + 1);
  FluentBitSection& rewrite = config.add("FILTER");
  rewrite.set("Name", "rewrite_tag")
      .set("Match", site.match)
      // Every record has ray_cluster (the origin filter sets it); keep the original for the others.
      .set("Rule", "$ray_cluster .+ " + copy + ".$TAG true")
      .set("Emitter_Name", "raylog_" + copy);  // with a disk buffer, its chunks on disk too (fluent_bit_storage)
  FluentBitSection& attributes = config.add("FILTER");
  attributes.set("Name", "nest").set("Match", copy + ".*").set("Operation", "nest");
  for (const auto& [field, var] : kOriginFields) attributes.append("Wildcard", field);
  attributes.set("Nest_under", "attributes");
  config.add("FILTER")
      .set("Name", "nest")
      .set("Match", copy + ".*")
      .set("Operation", "nest")
      .set("Wildcard", "attributes")
      .set("Nest_under", "resource");

  FluentBitSection& s = config.add("OUTPUT");
  s.set("Name", "opentelemetry").set("Match", copy + ".*");
  setUpstream(s, o, 4318);
  s.set("logs_uri", o.str("logsUri", "/v1/logs"))
      .append("logs_body_key", "$message")
      .append("logs_body_key", "$log")
      .set("logs_body_key_attributes", "true");
  if (o.has("user")) s.set("http_user", o.str("user"));
  if (o.has("passwordSecret")) s.set("http_passwd", secretReference(o, "passwordSecret"));
  addHeaders(o, s);
}

OutputBackend openTelemetryOutputBackend() {
  return {"opentelemetry",
          {"host", "port", "tls", "tlsVerify", "logsUri", "user", "passwordSecret", "headers", "headerSecrets"},
          {"host"},
          &addOpenTelemetry};
}

}  // namespace raylog
