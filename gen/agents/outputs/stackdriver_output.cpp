// stackdriver: Google Cloud Logging through Fluent Bit's stackdriver output. Options and defaults
// from plugins/out_stackdriver/ (stackdriver.c config_map, stackdriver_conf.c; the same in
// v3.2.10 and v5.1.1).
//
// Credentials: by default none are configured, and the plugin takes its token from the metadata
// server (stackdriver_conf.c: no credentials file and no private key -> metadata_server_auth;
// gce_metadata.c: .../service-accounts/default/token), which on GKE with Workload Identity is the
// token of the Google service account bound to the agent's Kubernetes ServiceAccount
// (roles/logging.logWriter). The project comes from the same server (project/project-id) unless
// projectId sets export_to_project_id. Optionally a key: serviceAccountEmail and the PEM private
// key from a Secret (service_account_email, service_account_secret).
//
// Each entry: the log is the Ray cluster (log_name_key: the record's ray_cluster names it, and
// the plugin moves it out of jsonPayload); severity from Ray's parsed level (severity_key: the
// plugin maps INFO/WARNING/ERROR/CRITICAL and spdlog's I/W/E/C, validate_severity_level); the
// rest of the record is jsonPayload. A sidecar also labels every entry with its Ray pod's origin
// from its environment; a node agent serves many pods, whose origin stays in jsonPayload.
#include "agents/outputs/output_backend.h"
#include "pieces/logging_names.h"

namespace raylog {

static void addStackdriver(const OutputSpec& o, const OutputSite& site, FluentBitConfig& config) {
  FluentBitSection& s = config.add("OUTPUT");
  s.set("Name", "stackdriver")
      .set("Match", site.match)
      // global: needs no labels of its own (stackdriver.c: project_id only); k8s_container would
      // take its pod from a Kubernetes tag the Ray records do not have.
      .set("resource", "global")
      .set("log_name_key", "ray_cluster")
      .set("severity_key", "level");
  if (!site.tagNamesPod) {
    std::string labels;
    for (const auto& [field, var] : kOriginFields)
      labels += (labels.empty() ? "" : ", ") + std::string(field) + "=${" + var + "}";
    s.set("labels", labels);
  }
  if (o.has("projectId")) s.set("export_to_project_id", o.str("projectId"));
  if (o.has("privateKeySecret")) {
    s.set("service_account_email", o.str("serviceAccountEmail"));
    s.set("service_account_secret", secretReference(o, "privateKeySecret"));
  }
}

OutputBackend stackdriverOutputBackend() {
  return {"stackdriver", {"projectId", "serviceAccountEmail", "privateKeySecret"}, {}, &addStackdriver};
}

}  // namespace raylog
